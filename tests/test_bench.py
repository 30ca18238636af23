"""`make bench` runs: the quick mode builds tiny stores and prints every figure (never timed)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ("start to unlock window painted", "unlock: key derived, then Today painted",
           "Today list query", "search as you type, p50", "search as you type, p95",
           "open a case with", "log a contact", "contact summary PDF", "peak memory")


def test_quick_benchmark_prints_every_figure(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-m", "bench.run", "--quick"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-800:]
    table = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    assert len(table) == 1 + len(FIGURES)
    for figure in FIGURES:
        assert any(figure in line for line in table), figure
    assert not (ROOT / "bench-data" / "cases-10.db").exists()  # quick runs stay in a temp dir
