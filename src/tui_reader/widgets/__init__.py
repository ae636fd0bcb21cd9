"""Widgets of the app: search bar, article list, reader pane."""
