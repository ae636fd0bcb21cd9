"""One sanitiser for every string the app did not write: strips terminal escapes and spoofing.

Textual strips only a handful of control characters, so raw escape sequences in an article (OSC 52
clipboard writes, window titles, ``ESC[2J``, OSC 8 links, 8-bit C1 CSI) would otherwise reach the
terminal. Bidi overrides would let a title display reversed text. This module removes all of them;
it does *not* deal with Rich/Textual markup, which the UI avoids by never parsing article text as
markup in the first place.
"""

from __future__ import annotations

import re

# A whole escape sequence, so no printable tail (like "2J" of "ESC[2J") is left behind:
#  - CSI: ESC [ params final-byte (or the 8-bit CSI U+009B)
#  - OSC / DCS / SOS / PM / APC strings: ESC ] ... terminated by BEL or ST (ESC \ or U+009C),
#    or running to the end of the text when unterminated (a terminal would swallow it too)
#  - any other two-character escape: ESC followed by one character
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?          # CSI
  | (?:\x1b[\]P^_X]|[\x90\x98\x9d\x9e\x9f])   # OSC, DCS, SOS, PM, APC introducers ...
    [^\x07\x1b\x9c]{0,4096}(?:\x07|\x1b\\|\x9c)?  # ... their payload and terminator
  | \x1b.?                                     # any other escape
    """,
    re.VERBOSE | re.DOTALL,
)

# C0 controls except tab and newline, DEL, C1 controls.
_CONTROL_CHARS = r"\x00-\x08\x0b-\x1f\x7f-\x9f"
_CONTROL = re.compile(f"[{_CONTROL_CHARS}]")

# Bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069) and the marks U+200E/F.
_BIDI_CHARS = r"\u200e\u200f\u202a-\u202e\u2066-\u2069"
_BIDI = re.compile(f"[{_BIDI_CHARS}]")

# Invisible characters that split a word for search without showing anything: zero-width space,
# zero-width non-joiner/joiner, word joiner, BOM / zero-width no-break space, soft hyphen.
_INVISIBLE_CHARS = r"\u200b-\u200d\u2060\ufeff\u00ad"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")

# Any character one of the patterns above removes or starts with (an escape sequence starts
# with ESC, U+009B or another C1 control): text without one, nearly every article, is returned
# after a single scan.
_ANYTHING_TO_CLEAN = re.compile(f"[{_CONTROL_CHARS}{_BIDI_CHARS}{_INVISIBLE_CHARS}]")


def strip_invisible(text: str) -> str:
    """Remove zero-width characters so ``de\u200bfence`` reads and indexes as ``defence``."""
    return _INVISIBLE.sub("", text)


def clean_text(text: str) -> str:
    """Return `text` safe to put on a terminal, keeping newlines and tabs.

    Removes escape sequences (whole), other control characters, bidi controls and invisible
    zero-width characters. Carriage returns are turned into newlines first so CRLF text and
    old Mac text keep their line structure. Idempotent.
    """
    if not text:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not _ANYTHING_TO_CLEAN.search(text):
        return text
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _CONTROL.sub("", text)
    text = _BIDI.sub("", text)
    return strip_invisible(text)


def clean_line(text: str, max_length: int = 500) -> str:
    """Return `text` as one safe display line: cleaned, whitespace folded, cut to `max_length`.

    For titles, file names, snippets and error messages.
    """
    line = " ".join(clean_text(text).split())
    if len(line) > max_length:
        line = line[: max_length - 1].rstrip() + "…"
    return line
