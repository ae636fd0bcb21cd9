"""Command palette provider: open an article by (part of) its title."""

from __future__ import annotations

from functools import partial
from itertools import islice
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tui_reader.core.sanitize import clean_line
from tui_reader.widgets.article_list import hit_meta_line

if TYPE_CHECKING:
    from tui_reader.screens.main_screen import MainScreen

MAX_TITLES = 20_000  # fuzzy matching is per title; beyond this the search bar is the better tool
MAX_DISCOVERY = 10


class ArticleTitleCommands(Provider):
    """Offers "Open: <title>" for every article; titles are untrusted, so never markup."""

    def _main_screen(self) -> MainScreen | None:
        from tui_reader.screens.main_screen import MainScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, MainScreen):
                return screen
        return None

    def _prompt(self, title: str, meta: str) -> Content:
        return Content.assemble("Open: ", title, (f"  {meta}", "dim"))

    async def discover(self) -> Hits:
        screen = self._main_screen()
        if screen is None:
            return
        for hit in islice(screen.all_hits, MAX_DISCOVERY):
            title = clean_line(hit.title, 200)
            yield DiscoveryHit(
                self._prompt(title, hit_meta_line(hit)),
                partial(screen.open_key, hit.path),
                text=f"Open: {title}",
            )

    async def search(self, query: str) -> Hits:
        screen = self._main_screen()
        if screen is None:
            return
        matcher = self.matcher(query)
        for hit in islice(screen.all_hits, MAX_TITLES):
            title = clean_line(hit.title, 200)
            # Matcher.highlight parses its argument as markup, so only the score is used here.
            score = matcher.match(f"Open: {title}")
            if score > 0:
                yield Hit(
                    score,
                    self._prompt(title, hit_meta_line(hit)),
                    partial(screen.open_key, hit.path),
                    text=f"Open: {title}",
                )
