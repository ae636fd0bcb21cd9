"""Textual's frame rate, set before Textual is first imported (it reads it once, at import).

Textual paints at most `TEXTUAL_FPS` frames a second (60 by default). After an idle spell
the first frame is painted at once, but the next one comes one to two whole periods later
(`textual/timer.py`: the catch-up after a pause lands one period late). While typing, the
key's own frame is that first frame, so a search answer ready 5 ms after the key reached the
screen 17-33 ms after it: more than half of a keystroke's latency. At 120 frames a second
that wait is 8-17 ms (10k-article benchmark, keystroke p50 39-45 -> 26-28 ms). Frames are
painted only when something changed, so an idle app costs nothing more. A user's own
`TEXTUAL_FPS` wins.
"""

from __future__ import annotations

import os

FRAMES_PER_SECOND = "120"

os.environ.setdefault("TEXTUAL_FPS", FRAMES_PER_SECOND)
