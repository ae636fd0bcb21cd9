"""Every encoding an article may arrive in decodes to the right text; binaries are recognised."""

from __future__ import annotations

import codecs
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.corpus import decode_bytes
from tui_reader.core.decoding import binary_reason

TEXT = "Defence spending: £270 billion — “a record”, said the café’s owner.\n"


def test_plain_utf8() -> None:
    assert decode_bytes(TEXT.encode("utf-8")) == TEXT


def test_utf8_with_bom_drops_the_bom() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8")) == TEXT


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    data = bom + TEXT.encode(codec)
    assert decode_bytes(data) == TEXT
    assert binary_reason(data, decode_bytes(data)) is None


def test_utf16_via_python_codec_bom() -> None:
    data = TEXT.encode("utf-16")  # native order with BOM
    assert decode_bytes(data) == TEXT


def test_utf32_with_bom() -> None:
    data = codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le")
    assert decode_bytes(data) == TEXT


def test_utf16_without_bom_is_recognised_by_its_nul_pattern() -> None:
    plain = "The UK and Poland signed a treaty in London on 27 May 2026.\n"
    data = plain.encode("utf-16-le")
    assert decode_bytes(data) == plain
    assert binary_reason(data, decode_bytes(data)) is None


def test_cp1252_pound_sign_is_not_mojibake() -> None:
    data = "It cost £8 billion – “a lot”.".encode("cp1252")
    assert decode_bytes(data) == "It cost £8 billion – “a lot”."


def test_cp1252_undefined_bytes_decode_as_latin1() -> None:
    assert decode_bytes(b"a\x81b\x8dc\x8fd\x90e\x9df") == "a\x81b\x8dc\x8fd\x90e\x9df"


def test_stray_latin1_byte_in_utf8_spoils_only_itself() -> None:
    data = "Café owners in Łódź paid £5".encode() + b" and caf\xe9 prices rose."
    assert decode_bytes(data) == "Café owners in Łódź paid £5 and café prices rose."


def test_latin1_byte_before_a_continuation_byte() -> None:
    # 0xE9 starts a 3-byte UTF-8 sequence; followed by 0xA3 and then ASCII it is invalid.
    assert decode_bytes(b"caf\xe9\xa3 x") == "café£ x"


def test_nul_bytes_without_utf16_are_binary() -> None:
    data = b"PK\x03\x04\x14\x00\x00\x00\x08\x00hello world"
    assert binary_reason(data, decode_bytes(data)) == "binary file (NUL bytes)"


def test_random_bytes_without_nul_are_binary() -> None:
    data = bytes(b for b in os.urandom(4096) if b)
    assert binary_reason(data, decode_bytes(data)) == "binary file (mostly non-text)"


def test_text_with_a_few_escape_sequences_is_still_text() -> None:
    data = ("A headline \x1b[31mred\x1b[0m and \x1b]52;c;aGk=\x07 more words. " * 20).encode()
    assert binary_reason(data, decode_bytes(data)) is None


@given(st.binary(max_size=2048))
def test_decoding_never_raises(data: bytes) -> None:
    assert isinstance(decode_bytes(data), str)
    binary_reason(data, decode_bytes(data))


@given(st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=500))
def test_any_utf8_text_round_trips(text: str) -> None:
    """NUL-free text, that is: NUL bytes make a file binary (or BOM-less UTF-16)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    assert decode_bytes(text.encode("utf-8")) == text


def test_random_bytes_behind_a_utf16_bom_are_binary() -> None:
    data = codecs.BOM_UTF16_LE + os.urandom(8192)
    assert binary_reason(data, decode_bytes(data)) == "binary file (mostly non-text)"
