"""Internals of the quantity extractor; the public API is :mod:`crosswire.extract.quantities`.

* :mod:`.lexicon`  number words, scale words, currencies and units with their normalization factors;
* :mod:`.grammar`  the regex grammar over raw text (:func:`.grammar.scan`);
* :mod:`.measures` what a quantity measures, read off the spaCy dependency parse.
"""
