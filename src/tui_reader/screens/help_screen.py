"""The help screen: every key of the app in one table, opened with `?` or F1."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

# The single source of the key table (the README copies it).
KEY_TABLE: tuple[tuple[str, str, str], ...] = (
    ("Search", "/", "Focus the search bar (from anywhere)"),
    ("Search", "Esc", "Leave the search bar; a second Esc clears the query"),
    ("Search", "Enter", "Go to the list and open the top result"),
    ("Search", "F2 / Ctrl+Y", "Accept the “did you mean” suggestion"),
    ("List", "j k ↑ ↓", "Move in the list"),
    ("List", "g G Home End", "Top / bottom of the list"),
    ("List", "Enter / click", "Open the article"),
    ("List", "s", "Cycle the sort: relevance, date, title"),
    ("List", "m", "Bookmark / unbookmark the article"),
    ("Reader", "Space PgDn", "Scroll the reader down a page"),
    ("Reader", "b PgUp", "Scroll the reader up a page"),
    ("Reader", "n / N", "Next / previous search match"),
    ("Reader", "[ / ]", "Previous / next article"),
    ("Reader", "' / \"", "Next / previous quote"),
    ("Reader", "f", "Side panel of quotes and figures; Enter shows one"),
    ("Reader", "h", "Quote and figure highlighting on / off"),
    ("App", "Tab / Shift+Tab", "Cycle focus: search bar → list → reader (→ panel)"),
    ("App", "Ctrl+R", "Rescan the folder for new, changed, deleted files"),
    ("App", "Ctrl+P", "Command palette: all actions, open by title, themes"),
    ("App", "? / F1", "This help"),
    ("App", "q / Ctrl+Q", "Quit (q works outside the search bar)"),
)


def key_table_content() -> Content:
    """The key table as aligned lines, grouped by section."""
    key_width = max(len(key) for _, key, _ in KEY_TABLE) + 2
    lines: list[Content] = []
    section = ""
    for group, key, description in KEY_TABLE:
        if group != section:
            if section:
                lines.append(Content(""))
            lines.append(Content.styled(group, "bold $accent"))
            section = group
        lines.append(Content.assemble(("  " + key.ljust(key_width), "bold"), description))
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """A modal key table; any of Esc, q, ? or F1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static(Content.styled("tui-reader keys", "bold"), id="help-title")
            with VerticalScroll(id="help-body"):
                yield Static(key_table_content(), id="help-table")
            yield Static(Content("Esc, q, ? or F1 closes this help."), id="help-hint")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
