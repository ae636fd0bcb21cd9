"""tui-reader: a keyboard-driven terminal news reader."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # `__version__` is looked up when asked for: importing importlib.metadata took ~50 ms of
    # every launch.
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tui-reader")
    except PackageNotFoundError:  # running from a source tree without an install
        return "0.0.0+unknown"
