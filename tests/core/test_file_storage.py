"""New index files count their own position: it must always be where the OS says it is."""

from __future__ import annotations

import os
from array import array
from pathlib import Path

from tui_reader.core.file_storage import CountingFileStorage


def test_a_new_file_s_position_follows_every_kind_of_write_and_seek(tmp_path: Path) -> None:
    storage = CountingFileStorage(str(tmp_path), supports_mmap=False)
    created = storage.create_file("postings.bin")
    created.write(b"W3Bl")
    created.write_int(-7)
    created.write_pickle({"a": [1, 2, 3]})  # pickles straight into the wrapped file
    created.write_array(array("I", range(50)))
    created.write_varint(300)
    written = created.tell()
    created.seek(2)
    created.write(b"xx")
    assert created.tell() == 4
    created.seek(0, os.SEEK_END)
    assert created.tell() == written
    created.close()
    assert (tmp_path / "postings.bin").stat().st_size == written
