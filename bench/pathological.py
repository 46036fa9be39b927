"""Pathological Markdown, timed at N and 2N side by side: a linear parser takes about twice as long
for twice the input (`python bench/pathological.py`; prints one line per case with the ratio)."""

from __future__ import annotations

import time

from book.readers.markdown.parser import make_parser

CASES = {
    "grid table rows": lambda n: "+---+---+\n| a | b |\n+===+===+\n" + "| x | y |\n+---+---+\n" * n,
    "dashes and pipes": lambda n: "\n".join(["----", "A", "--- ---", "B", "", "| x | y", "+--+--+"][i % 7]
                                            for i in range(n)) + "\n",
    "failed headerless tables": lambda n: "-- --\nA\n" * n,
    "brackets without a citation": lambda n: "[" * n + "\n",
    "at signs": lambda n: "@a " * n + "\n",
}


def seconds(text: str) -> float:
    md = make_parser("en")
    start = time.perf_counter()
    md.parse(text)
    return time.perf_counter() - start


def main(n: int = 2000) -> None:
    print(f"{'case':30} {'N':>6} {'t(N) s':>8} {'t(2N) s':>8} {'ratio':>6}")
    for name, make in CASES.items():
        once, twice = seconds(make(n)), seconds(make(2 * n))
        print(f"{name:30} {n:>6} {once:8.3f} {twice:8.3f} {twice / once:6.2f}")


if __name__ == "__main__":
    main()
