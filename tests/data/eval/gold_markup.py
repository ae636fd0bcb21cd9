"""Turn hand-annotated article sources (inline ⟦…⟧ markup) into gold JSON with exact offsets.

Markup, nestable (a figure may sit inside a quote):
    ⟦q:Speaker Name|quoted words⟧   a quote (``⟦q:|…⟧`` = unattributed, ``⟦q?:…`` = optional)
    ⟦f:kind|figure⟧                  a figure (``⟦f:range/date|9-10 July⟧`` sets ``range_of``;
                                     ``⟦f?:kind|…⟧`` = optional)
    ⟦n:why|words⟧                    a non-quote (scare quotes, titles)
    ⟦x:why|words⟧                    a negative figure (looks like one, is not)

Usage: ``python tests/data/eval/gold_markup.py SRC.txt... OUT.json`` writes one JSON list.
Writing offsets by hand is how gold files go wrong; this derives them from the markup instead.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

OPEN, CLOSE, SEP = "⟦", "⟧", "|"


def parse_markup(name: str, source: str) -> dict[str, Any]:
    """Parse one annotated source into a gold record ``{"name","text","quotes","figures",…}``."""
    out: list[str] = []
    pos = 0  # offset in the plain text being built
    stack: list[tuple[str, int]] = []
    record: dict[str, Any] = {"name": name, "text": "", "quotes": [], "figures": []}
    record["non_quotes"], record["negatives"] = [], []
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == OPEN:
            bar = source.index(SEP, i)
            stack.append((source[i + 1 : bar], pos))
            i = bar + 1
            continue
        if ch == CLOSE:
            header, start = stack.pop()
            text = "".join(out)[start:pos]
            tag, _, value = header.partition(":")
            item: dict[str, Any] = {"text": text, "start": start, "end": pos}
            optional = tag.endswith("?")
            tag = tag.rstrip("?")
            if tag == "q":
                item["speaker"] = value or None
                record["quotes"].append(item)
            elif tag == "f":
                kind, _, range_of = value.partition("/")
                item["kind"] = kind
                if range_of:
                    item["range_of"] = range_of
                record["figures"].append(item)
            elif tag == "n":
                item["why"] = value
                record["non_quotes"].append(item)
            elif tag == "x":
                item["why"] = value
                record["negatives"].append(item)
            else:
                raise ValueError(f"{name}: unknown tag {header!r}")
            if optional:
                item["optional"] = True
            i += 1
            continue
        out.append(ch)
        pos += 1
        i += 1
    if stack:
        raise ValueError(f"{name}: unclosed markup {stack}")
    record["text"] = "".join(out)
    for key in ("quotes", "figures", "non_quotes", "negatives"):
        record[key].sort(key=lambda item: item["start"])
    return record


def main(argv: list[str]) -> int:
    """Build one gold JSON file from annotated sources."""
    *sources, target = argv
    records = [parse_markup(Path(s).stem, Path(s).read_text(encoding="utf-8")) for s in sources]
    Path(target).write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
