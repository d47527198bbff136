"""crosswire benchmarks: `python -m benchmarks.run` (what `make bench` runs); see README.md."""
