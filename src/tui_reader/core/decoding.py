"""Turn an article file's bytes into text: BOMs, UTF-8 with per-byte cp1252 fallback, binaries."""

from __future__ import annotations

import codecs
import re

# cp1252 leaves five bytes undefined; map them as latin-1 so decoding can never fail.
_CP1252_TABLE = "".join(
    bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
    for b in range(256)
)
_FALLBACK_ERRORS = "tui_reader.cp1252_per_byte"


def _cp1252_per_byte(error: UnicodeError) -> tuple[str, int]:
    """Decode only the offending bytes as cp1252, then let the UTF-8 decoder carry on.

    One stray latin-1 byte in an otherwise UTF-8 file (real BBC data has one) must not turn every
    other accented letter in the file into mojibake, and a whole cp1252 file decodes the same way
    because each of its high bytes is invalid UTF-8 on its own.
    """
    if not isinstance(error, UnicodeDecodeError):
        raise error
    chunk = error.object[error.start : error.end]
    return "".join(_CP1252_TABLE[b] for b in chunk), error.end


codecs.register_error(_FALLBACK_ERRORS, _cp1252_per_byte)


# C0 controls other than tab, newline, form feed, carriage return and ESC (ANSI-coloured text is
# still text; the sanitiser removes the escapes), DEL, C1 controls, private-use characters (what
# random bytes behind a UTF-16 BOM mostly decode to) and the replacement character.
_NON_TEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]")
# Share of non-text characters above which a decoded file is called binary. Random bytes give
# ~13 %, real text with a stray control character far below 1 %.
_NON_TEXT_LIMIT = 0.03
_NON_TEXT_MIN = 8  # a short note with one stray BEL is still a note


def _utf16_without_bom(data: bytes) -> str | None:
    """Return the codec name when `data` looks like BOM-less UTF-16 of mostly Latin text."""
    pairs = len(data) // 2
    if pairs < 2 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    if odd_nuls >= 0.3 * pairs and even_nuls <= 0.01 * pairs:
        return "utf-16-le"
    if even_nuls >= 0.3 * pairs and odd_nuls <= 0.01 * pairs:
        return "utf-16-be"
    return None


def _bom_codec(data: bytes) -> tuple[str, int] | None:
    """The codec and BOM length announced by `data`'s byte order mark, if any."""
    # UTF-32 LE's BOM starts with UTF-16 LE's, so it is tested first.
    if data.startswith(codecs.BOM_UTF32_LE) and len(data) % 4 == 0:
        return "utf-32-le", 4
    if data.startswith(codecs.BOM_UTF32_BE) and len(data) % 4 == 0:
        return "utf-32-be", 4
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8", 3
    if data.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", 2
    if data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", 2
    return None


def decode_bytes(data: bytes) -> str:
    """Decode an article file's bytes. Never raises.

    UTF-8 (with or without BOM); UTF-16/32 with BOM (or BOM-less UTF-16 recognised by its NUL
    pattern); anything else as UTF-8 with each invalid byte read as cp1252 (bytes cp1252 leaves
    undefined as latin-1), so a cp1252 file shows its `£` and a stray latin-1 byte inside UTF-8
    text spoils only itself.

    Args:
        data: the raw file content.

    Returns:
        The text, without its BOM.
    """
    bom = _bom_codec(data)
    if bom is not None:
        codec, skip = bom
        if codec == "utf-8":
            return data[skip:].decode("utf-8", _FALLBACK_ERRORS)
        return data[skip:].decode(codec, "replace")
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return data.decode(utf16, "replace")
    return data.decode("utf-8", _FALLBACK_ERRORS)


def binary_reason(data: bytes, text: str) -> str | None:
    """Why `data` is not a text file, or None when it reads as text.

    Args:
        data: the raw file content.
        text: `decode_bytes(data)`, passed in so a 5 MB file is decoded once.

    Returns:
        "binary file (NUL bytes)" when NUL bytes are present and no UTF-16/32 encoding explains
        them, "binary file (mostly non-text)" when too many control characters remain after
        decoding, else None.
    """
    unexplained_nuls = b"\x00" in data and _bom_codec(data) in (None, ("utf-8", 3))
    if unexplained_nuls and _utf16_without_bom(data) is None:
        return "binary file (NUL bytes)"
    if not text:
        return None
    non_text = len(_NON_TEXT.findall(text))
    if non_text > _NON_TEXT_LIMIT * len(text) and non_text >= _NON_TEXT_MIN:
        return "binary file (mostly non-text)"
    return None
