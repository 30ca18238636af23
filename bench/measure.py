"""Timing helpers: medians over repeats, percentiles, peak memory of a child process."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def paired_medians_ms(fn: Callable[[], object], baseline: Callable[[], object],
                      repeats: int) -> tuple[float, float]:
    """Medians of `fn` and its baseline, timed in turns so that a machine slowing down for a
    while (another process, thermal limits) slows both alike."""
    fn()
    baseline()
    ours, theirs = [], []
    for _ in range(repeats):
        ours.append(timed(fn))
        theirs.append(timed(baseline))
    return statistics.median(ours), statistics.median(theirs)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]
