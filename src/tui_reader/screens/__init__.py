"""Screens of the app: the main reading screen and the help screen."""
