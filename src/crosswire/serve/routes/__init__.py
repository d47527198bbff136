"""One router per resource; ``pages`` holds the HTML views."""
