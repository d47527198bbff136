"""Cost of date extraction next to the spaCy pass, on TempEval-3 TBAQ (needs ../shared/benchdata).

Run: python benchmarks/bench_dates.py
"""

from __future__ import annotations

import time

from crosswire.eval.common import find_benchdata
from crosswire.eval.dates import load_tbaq
from crosswire.extract.dates import find_dates
from crosswire.extract.nlp import load_nlp


def main() -> None:
    docs = load_tbaq(find_benchdata())
    nlp = load_nlp()
    texts = [d.text for d in docs]
    t0 = time.perf_counter()
    parsed = list(nlp.pipe(texts, batch_size=16))
    spacy_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for d, s in zip(docs, parsed, strict=True):
        find_dates(d.text, d.dct, s)
    dates_s = time.perf_counter() - t0
    chars = sum(map(len, texts))
    print(f"{len(docs)} docs, {chars} chars: spaCy {spacy_s:.2f}s, find_dates {dates_s:.2f}s "
          f"({100 * dates_s / spacy_s:.1f}% of the spaCy pass)")


if __name__ == "__main__":
    main()
