"""Small measuring tools: latency samples to percentiles, peak memory, a clock with a budget."""

from __future__ import annotations

import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from typing import TypeVar

Item = TypeVar("Item")


def summary(samples_ms: list[float]) -> dict[str, float]:
    """p50, p95, max and count of latency samples (milliseconds)."""
    if not samples_ms:
        return {"n": 0}
    ordered = sorted(samples_ms)

    def at(fraction: float) -> float:
        # Nearest-rank percentile: with 30 samples p95 is the 29th, a real observed value.
        rank = max(1, round(fraction * len(ordered) + 0.4999))
        return ordered[min(rank, len(ordered)) - 1]

    return {
        "n": len(ordered),
        "p50": round(statistics.median(ordered), 2),
        "p95": round(at(0.95), 2),
        "max": round(ordered[-1], 2),
    }


def time_each(
    run: Callable[[Item], object],
    items: Iterable[Item],
    repeats: int,
    budget_s: float,
) -> list[float]:
    """Milliseconds per call of `run(item)`, each item `repeats` times, until `budget_s` is spent.

    Rounds go over all items before repeating, so a slow kind still gets every item once before
    the budget cuts it short.
    """
    listed = list(items)
    samples: list[float] = []
    deadline = time.perf_counter() + budget_s
    for _ in range(repeats):
        for item in listed:
            started = time.perf_counter()
            run(item)
            samples.append((time.perf_counter() - started) * 1000)
            if time.perf_counter() > deadline:
                return samples
    return samples


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory of this process so far (or, for RUSAGE_CHILDREN, of the largest
    child process ended so far), in MB."""
    peak = resource.getrusage(who).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


def current_rss_mb() -> float:
    """Resident memory now, in MB (Linux /proc; falls back to the peak elsewhere)."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
    except (OSError, ValueError, IndexError):
        return peak_rss_mb()
    return round(pages * resource.getpagesize() / (1024 * 1024), 1)


def machine_probe_ms(rounds: int = 3) -> float:
    """Milliseconds for a fixed piece of pure-Python work (the best of `rounds`).

    The same code on the same machine ran up to 1.7x slower in some hours than in others (a
    shared virtual machine), which no ratio inside one phase shows. Timed before and after a
    phase, this says how fast the machine was while the phase ran: compare runs by it.
    """
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        table: dict[str, int] = {}
        for number in range(200_000):
            key = str(number % 4096)
            table[key] = table.get(key, 0) + len(key) * number
        best = min(best, time.perf_counter() - started)
    return round(best * 1000, 1)
