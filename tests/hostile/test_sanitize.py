"""The one sanitiser: every terminal control measured in issue 5 is removed whole, text is kept."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.sanitize import clean_line, clean_text

# What must never survive: C0 except tab/newline, DEL, C1, bidi controls, zero-width characters.
_UNSAFE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u00ad]"
)

ATTACKS = {
    "osc52-clipboard": ("copy \x1b]52;c;ZWNobyBwd25lZA==\x07me", "copy me"),
    "osc52-st": ("copy \x1b]52;c;ZWNobw==\x1b\\me", "copy me"),
    "window-title": ("a\x1b]0;pwned\x07b", "ab"),
    "clear-screen": ("before\x1b[2Jafter", "beforeafter"),
    "leave-alt-screen": ("x\x1b[?1049ly", "xy"),
    "osc8-link": ("\x1b]8;;file:///etc/passwd\x1b\\click\x1b]8;;\x1b\\", "click"),
    "c1-csi": ("red\x9b31mtext", "redtext"),
    "c1-osc": ("t\x9d0;title\x9cx", "tx"),
    "dcs": ("a\x1bPq#0;2;0;0;0\x1b\\b", "ab"),
    "sgr-colour": ("\x1b[1;31mbold red\x1b[0m", "bold red"),
    "bidi-override": ("\u202eevil.exe", "evil.exe"),
    "bidi-isolate": ("a\u2066b\u2069c", "abc"),
    "zero-width": ("de\u200bfen\u200dce\u2060", "defence"),
    "bell-backspace": ("ding\x07\x08\x08dong", "dingdong"),
    "unterminated-osc": ("keep\x1b]0;title to the end", "keep"),
    "lone-escape": ("end\x1b", "end"),
}


@pytest.mark.parametrize("case", sorted(ATTACKS))
def test_each_measured_escape_is_removed_whole(case: str) -> None:
    raw, expected = ATTACKS[case]
    assert clean_text(raw) == expected


def test_text_and_its_layout_are_kept() -> None:
    text = "Line one\tcol\nLine two: £5, “quoted”, naïve, 中文, [bold]x[/]\n\nPara"
    assert clean_text(text) == text
    assert clean_text("a\r\nb\rc") == "a\nb\nc"


def test_clean_line_is_one_bounded_line() -> None:
    line = clean_line("title\nwith\x1b[2J\tbreaks " + "x" * 1000, max_length=80)
    assert "\n" not in line and "\t" not in line and "\x1b" not in line
    assert len(line) == 80 and line.endswith("…")


_HOSTILE_CHARS = st.sampled_from(
    ["\x1b", "[", "]", "\\", "\x07", "\x9b", "\x9c", "\x9d", "\x90", "P", "2J", ";", "0", "m",
     "\u202e", "\u2066", "\u200b", "\ufeff", "\r", "\n", "\t", "a", "é", " ", "\x00", "\x7f"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(_HOSTILE_CHARS, max_size=80).map("".join)))
def test_nothing_unsafe_survives_and_cleaning_is_idempotent(text: str) -> None:
    cleaned = clean_text(text)
    assert not _UNSAFE.search(cleaned)
    assert clean_text(cleaned) == cleaned
    line = clean_line(text, 120)
    assert not _UNSAFE.search(line) and "\n" not in line and len(line) <= 120


def test_megabytes_of_escape_soup_are_cleaned() -> None:
    soup = ("\x1b]52;c;" + "A" * 5000 + "\x1b[" * 100 + "\x9b" * 100) * 200
    assert not _UNSAFE.search(clean_text(soup))
