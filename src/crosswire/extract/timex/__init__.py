"""Temporal expressions: candidate patterns, calendar arithmetic and resolution against a reference date.

``crosswire.extract.dates`` is the public entry point; the modules here are its parts:

* :mod:`.lexicon`   month, weekday, number and unit words;
* :mod:`.calendar`  TIMEX3 value arithmetic (weeks, quarters, seasons, relative shifts);
* :mod:`.patterns`  the compiled regular expressions that find candidate spans in running text;
* :mod:`.tense`     whether a date expression points backward or forward (parse or word window);
* :mod:`.resolve`   turning one candidate into a TIMEX3 value, precision and type.
"""
