#!/usr/bin/env python3
"""Lists of lines for comparing dossier's filter with `fzf --filter` (see BENCHMARKS.md).

    bench/lists.py names N > names.txt
        N people named as the browser bench names them (benches/browser.rs): first and last names
        from the project's lexicons, picked by two strides.
    dossier export --corpus DIR | bench/lists.py titles > titles.txt
        the titles of the articles and then of the events of an export.

Standard library only.
"""
from __future__ import annotations

import json
import os
import sys

LEXICON = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "lexicon")


def lexicon(name: str) -> list[str]:
    with open(os.path.join(LEXICON, name), encoding="utf-8") as f:
        lines = (line.strip() for line in f)
        return [line for line in lines if line and not line.startswith("#")]


def names(count: int) -> list[str]:
    first, last = lexicon("first_names.txt"), lexicon("surnames.txt")
    return [f"{first[(i * 7919) % len(first)]} {last[(i * 104_729) % len(last)]}" for i in range(count)]


def titles(export: dict) -> list[str]:
    return [a["title"] for a in export["articles"]] + [e["title"] for e in export["timeline"]]


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "names" and argv[1].isdigit():
        lines = names(int(argv[1]))
    elif argv == ["titles"]:
        lines = titles(json.load(sys.stdin))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    sys.stdout.write("".join(line + "\n" for line in lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
