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


def test_the_table_says_which_figures_grow_and_notes_name_each_miss():
    from bench.run import PROFILING, Figure, _notes, table

    def figures(today_ms: float, pdf_met: bool) -> dict[str, Figure]:
        return {
            "today": Figure("Today list query", today_ms, 10.0, "plain", "< 50 ms", True),
            "pdf": Figure("contact summary PDF", 900.0, 300.0, "bare", "<= 2x", pdf_met),
        }

    text = table({500: figures(2.0, True), 5000: figures(20.0, False)})
    today_row, pdf_row = text.splitlines()[2:]
    assert "10.00x, grows with the list it returns" in today_row
    assert "1.00x, flat" in pdf_row and "**no**" in pdf_row and "3.00x" in pdf_row
    notes = _notes(figures(20.0, False))
    assert "1 target not met" in notes
    assert f"**contact summary PDF** (900 ms, target <= 2x): {PROFILING['pdf']}" in notes
    assert _notes(figures(20.0, True)).startswith("Every target is met.")


def test_probes_that_write_get_a_copy_that_is_removed_after(tmp_path):
    from bench.run import _scratch_copy

    store = tmp_path / "cases-10.db"
    store.write_bytes(b"the reused store")
    with _scratch_copy(store) as copy:
        copy.write_bytes(b"written by a probe")
        copy.with_name(copy.name + "-wal").write_bytes(b"wal")
    assert store.read_bytes() == b"the reused store"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases-10.db"]
