"""The Textual app and `make_app(settings)`, the one factory the CLI and the tests share."""

from __future__ import annotations

from tui_reader import frame_rate  # noqa: F401  (before Textual reads its settings)

# isort: split

import contextlib
import threading
from collections.abc import Awaitable, Callable, Iterable
from multiprocessing import resource_tracker
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from tui_reader.core.config import Settings
from tui_reader.core.models import Article
from tui_reader.core.sanitize import clean_line
from tui_reader.core.state import UserState, load_state, save_state
from tui_reader.screens.article_commands import ArticleTitleCommands
from tui_reader.screens.help_screen import HelpScreen
from tui_reader.screens.main_screen import MainScreen
from tui_reader.widgets.article_body import MAX_RENDERED_CHARS, ArticleFacts

# (title, help, screen action) for the command palette: every action of the main screen.
PALETTE_ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("Search", "Focus the search bar (/)", "focus_search"),
    ("Next article", "Open the next article in the list (])", "step_article(1)"),
    ("Previous article", "Open the previous article in the list ([)", "step_article(-1)"),
    ("Next match", "Jump to the next search match in the reader (n)", "step_match(1)"),
    ("Previous match", "Jump to the previous search match in the reader (N)", "step_match(-1)"),
    ("Next quote", "Jump to the next quote in the reader (')", "step_quote(1)"),
    ("Previous quote", 'Jump to the previous quote in the reader (")', "step_quote(-1)"),
    (
        "Toggle quote and figure highlighting",
        "Show or hide the highlighting of quotes and key figures (h)",
        "toggle_analysis",
    ),
    (
        "Toggle quotes and figures panel",
        "List the article's quotes with speakers and its key figures (f)",
        "toggle_facts",
    ),
    ("Cycle sort", "Sort by relevance, date or title (s)", "cycle_sort"),
    ("Rescan folder", "Index files added, changed or deleted since start (Ctrl+R)", "rescan"),
    ("Toggle bookmark", "Bookmark the article under the cursor (m)", "toggle_bookmark"),
    ("Accept suggestion", "Search for the “did you mean” query (F2)", "accept_suggestion"),
    ("Clear search", "Show all articles again (Esc Esc)", "escape"),
    ("Next pane", "Move focus: search bar → list → reader (Tab)", "cycle_focus(1)"),
    ("Page down", "Scroll the reader down (Space)", "reader_page(1)"),
    ("Page up", "Scroll the reader up (b)", "reader_page(-1)"),
)


class ReaderApp(App[None]):
    """tui-reader: search and read a folder of news articles."""

    CSS_PATH = "tui_reader.tcss"
    TITLE = "tui-reader"
    COMMANDS: ClassVar = App.COMMANDS | {ArticleTitleCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        loaded = load_state(settings.state_root)
        self.user_state: UserState = loaded.state
        self._state_notice = loaded.notice
        self._save_lock = threading.Lock()
        self._save_failed = False
        self.sub_title = clean_line(Path(settings.articles_dir).name, 60)
        theme = settings.theme or self.user_state.theme
        if theme and theme in self.available_themes:
            self.theme = theme

    def get_default_screen(self) -> Screen:
        return MainScreen()

    def on_mount(self) -> None:
        if self._state_notice:
            self.notify(clean_line(self._state_notice), severity="warning", markup=False)

    # ---- the user's state -------------------------------------------------------------------

    def watch_theme(self, theme: str) -> None:
        if theme != self.user_state.theme and self.is_running:
            self._set_state(self.user_state.with_theme(theme))

    def mark_read(self, key: str) -> None:
        """Remember that the article `key` was opened."""
        self._set_state(self.user_state.with_read(key))

    def toggle_bookmark(self, key: str) -> None:
        """Add or remove the bookmark on the article `key`."""
        self._set_state(self.user_state.with_bookmark_toggled(key))

    def set_analysis_shown(self, shown: bool) -> None:
        """Remember whether quotes and figures are highlighted."""
        self._set_state(self.user_state.with_analysis_shown(shown))

    def _set_state(self, state: UserState) -> None:
        if state != self.user_state:
            self.user_state = state
            self._save_state()

    @work(thread=True, group="state", exit_on_error=False, name="saving state")
    def _save_state(self) -> None:
        # Each save writes the newest state under a lock, so the last write is always the latest.
        with self._save_lock:
            try:
                save_state(self.settings.state_root, self.user_state)
            except OSError as error:
                if not self._save_failed:  # say it once, not on every article opened
                    self._save_failed = True
                    reason = clean_line(error.strerror or str(error), 120)
                    self.call_from_thread(
                        self.notify,
                        f"Could not save read marks and settings ({reason}).",
                        severity="warning",
                        markup=False,
                    )

    # ---- analysis hook ----------------------------------------------------------------------

    def article_facts(self, article: Article) -> ArticleFacts:
        """The quotes and key figures of the part of `article`'s body the reader shows.

        Called from a worker thread: must be pure (no widget access).
        """
        # Imported here: the analysis compiles ~100 patterns at import (~50 ms), which the
        # first paint need not wait for.
        from tui_reader.core.analysis import find_figures, find_quotes

        body = article.body[:MAX_RENDERED_CHARS]
        return ArticleFacts(tuple(find_quotes(body)), tuple(find_figures(body)))

    # ---- actions, palette, errors -----------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Show every key (? or F1)", self.action_help)
        if isinstance(screen, MainScreen):
            for title, help_text, action in PALETTE_ACTIONS:
                yield SystemCommand(title, help_text, _screen_action(screen, action))

    @on(Worker.StateChanged)
    def report_worker_error(self, event: Worker.StateChanged) -> None:
        """Show a failed worker as a one-line notification (screens forward theirs here)."""
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            reason = clean_line(f"{type(error).__name__}: {error}", 200)
            self.notify(
                reason, title=f"Error while {event.worker.name}", severity="error", markup=False
            )


def _screen_action(screen: Screen, action: str) -> Callable[[], Awaitable[None]]:
    """A palette callback that runs `action` on `screen`."""

    async def run() -> None:
        await screen.run_action(action)

    return run


def make_app(settings: Settings) -> ReaderApp:
    """Build the app for `settings` (the CLI runs it; tests drive it with `run_test`)."""
    _start_resource_tracker()
    return ReaderApp(settings)


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker now, while `sys.stderr` is the real one.

    Indexing 2,000+ files spawns worker processes, and the first spawn starts the tracker,
    handing it `sys.stderr.fileno()`. Inside the app that is Textual's capture, whose file
    number is -1: the pool failed ("bad value(s) in fds_to_keep") and every first-ever index in
    the app was built in this one process. The tracker is a small process that ends with ours.
    """
    with contextlib.suppress(Exception):  # no tracker on this platform: nothing to start
        resource_tracker.ensure_running()
