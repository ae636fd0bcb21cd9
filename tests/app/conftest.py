"""Fixtures for app tests: a hostile article, and a helper that waits until the app is idle."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.core.config import Settings

HOSTILE_KEY = "hostile.txt"
HOSTILE_NAME = "[bold]odd[@click=app.quit] name[.txt"
HOSTILE_TITLE = "[bold]Zebrafinch[/bold] [@click=app.quit]quit me[/] \x1b]52;c;AAAA\x07 \u202eevil"
HOSTILE_BODY = (
    "Zebrafinch body [/ with [link=file:///etc/passwd]x[/link] and \x1b[2J cleared screen.\n\n"
    "Second paragraph: [bold red]X[/] [@click=app.quit]Y[/] \x1b]0;owned\x07 \u202etxet and "
    "the zebrafinch again.\n"
)


@pytest.fixture
def hostile_settings(settings: Settings) -> Settings:
    """The seed articles plus one whose title and body try markup, escapes and bidi spoofing."""
    path = Path(settings.articles_dir) / HOSTILE_KEY
    path.write_text(HOSTILE_TITLE + "\n\n" + HOSTILE_BODY, encoding="utf-8")
    odd = Path(settings.articles_dir) / HOSTILE_NAME
    odd.write_text("Quokka report\n\nThe quokka smiled at [bold]nobody[/bold].\n", encoding="utf-8")
    return settings
