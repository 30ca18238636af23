"""`make bench`: how fast victimcare feels on a realistic store, each figure beside a baseline
measured in the same run, at 500 and 5,000 fictional cases.

    python -m bench.run            full run; prints the table and writes docs/benchmarks.md
    python -m bench.run --quick    tiny stores, one repeat: checks the benchmark runs (tests)
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from bench import data
from bench.measure import paired_medians_ms, percentile, timed

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Figure:
    name: str
    value: float            # ms, or MB for memory
    baseline: float | None  # same unit; None where the issue names no baseline
    baseline_name: str
    target: str
    met: bool
    unit: str = "ms"

    @property
    def ratio(self) -> str:
        return "" if not self.baseline else f"{self.value / self.baseline:.2f}x"


def _probe(*args: str, env_extra: dict[str, str] | None = None) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env_extra or {}))
    done = subprocess.run([sys.executable, "-m", "bench.gui_probe", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"probe {args[0]} failed: {done.stderr.strip()[-400:]}")
    return json.loads(lines[-1])


@contextmanager
def _scratch_copy(store: Path) -> Iterator[Path]:
    """A fresh copy of the (encrypted) store for a probe that writes: logged contacts and
    audit rows must not pile up in the reused store and slow every later run."""
    copy = store.with_name(store.name + ".scratch")
    try:
        shutil.copyfile(store, copy)
        yield copy
    finally:
        for leftover in store.parent.glob(copy.name + "*"):
            leftover.unlink()


def _startup(repeats: int, db_path: Path) -> tuple[float, float]:
    bare, app = [], []
    for _ in range(repeats):  # taken in turns, so a machine slowing down slows both
        bare.append(_probe("bare-window", repr(time.time()))["ms"])
        app.append(_probe("unlock-window", repr(time.time()), str(db_path))["ms"])
    return statistics.median(app), statistics.median(bare)


def _search_terms(db, count: int, rng: random.Random) -> list[str]:
    """Real queries as an officer types them: name, reference and phone prefixes."""
    rows = db.all("SELECT c.reference, v.given_names, v.family_name FROM cases c "
                  "JOIN victims v ON v.case_id = c.id")
    phones = [r[0] for r in db.all("SELECT number FROM victim_phones")]
    terms = []
    while len(terms) < count:
        reference, given, family = rng.choice(rows)
        choice = rng.randrange(4)
        if choice == 0:
            terms.append(family[: rng.randint(2, max(2, len(family)))])
        elif choice == 1:
            terms.append(f"{given.split()[0]} {family[:3]}")
        elif choice == 2:
            terms.append(reference[-4:])
        else:
            terms.append(rng.choice(phones).replace(" ", "")[:8])
    return terms


def measure_size(cases: int, repeats: int, log) -> dict[str, Figure]:
    from victimcare.domain.code_rules import load_rules
    from victimcare.reports import contact_summary
    from victimcare.services import cases as case_service
    from victimcare.services import commitments
    from victimcare.store import open_database, records

    encrypted, plain = data.ensure(cases, log)
    figures: dict[str, Figure] = {}

    log(f"  [{cases}] start-up")
    app_ms, bare_ms = _startup(max(3, repeats * 3 // 2), encrypted)  # the noisiest figure
    figures["startup"] = Figure("start to unlock window painted", app_ms, bare_ms,
                                "bare PySide6 window, new process", "<= 1.5x baseline",
                                app_ms <= 1.5 * bare_ms)

    log(f"  [{cases}] unlock, open a case, log a contact")
    with _scratch_copy(encrypted) as scratch:
        gui = _probe("interactive", str(scratch))
    kdf, today = statistics.median(gui["kdf"]), statistics.median(gui["today"])
    figures["unlock"] = Figure("unlock: key derived, then Today painted", today, kdf,
                               "key derivation alone (default cost)",
                               "Today <= 150 ms after the key", today <= 150)

    db, twin = open_database(encrypted, data.PASSPHRASE), data.open_plain(plain)
    try:
        now = datetime.now(UTC)
        log(f"  [{cases}] Today query")
        query, base = paired_medians_ms(lambda: commitments.worklist(db, now),
                                        lambda: commitments.worklist(twin, now), repeats)
        items = len(commitments.worklist(db, now))
        figures["today"] = Figure(f"Today list query (overdue, today, week: {items:,} items)",
                                  query, base,
                                  "same query, unencrypted copy", "<= 1.3x and < 50 ms",
                                  query <= 1.3 * base and query < 50)

        log(f"  [{cases}] search as you type")
        terms = _search_terms(db, 200, random.Random(cases))
        encrypted_times = [timed(lambda t=t: case_service.search_cases(db, t)) for t in terms]
        plain_times = [timed(lambda t=t: case_service.search_cases(twin, t)) for t in terms]
        p95, base95 = percentile(encrypted_times, 0.95), percentile(plain_times, 0.95)
        figures["search_p50"] = Figure("search as you type, p50 (200 queries)",
                                       percentile(encrypted_times, 0.5),
                                       percentile(plain_times, 0.5), "same FTS query, unencrypted",
                                       "(p95 governs)", True)
        figures["search_p95"] = Figure("search as you type, p95 (200 queries)", p95, base95,
                                       "same FTS query, unencrypted", "< 30 ms", p95 < 30)

        figures["open_case"] = Figure(f"open a case with {data.OPEN_CASE_CONTACTS}+ contacts, "
                                      "all tabs filled", statistics.median(gui["open_case"]),
                                      None, "-", "< 150 ms",
                                      statistics.median(gui["open_case"]) < 150)
        log_ms = statistics.median(gui["log_contact"])
        figures["log_contact"] = Figure("log a contact (save, commitments, views refreshed)",
                                        log_ms, None, "-", "< 50 ms", log_ms < 50)

        log(f"  [{cases}] contact summary PDF")
        case = records.load_case(db, data.case_with_contacts(db, data.PRINT_CASE_CONTACTS))
        rules = load_rules(case.code_version)
        pdf_ms, bare_pdf = paired_medians_ms(
            lambda: contact_summary(case, rules, "Bench Officer", now),
            lambda: _bare_reportlab_table(case), max(1, repeats // 2))
        figures["pdf"] = Figure(f"contact summary PDF, {len(case.contacts)} contacts", pdf_ms,
                                bare_pdf, "bare ReportLab table of the same rows, narrative wrapped",
                                "<= 2x and < 2 s", pdf_ms <= 2 * bare_pdf and pdf_ms < 2000)
    finally:
        db.close()
        twin.close()

    log(f"  [{cases}] peak memory")
    with _scratch_copy(encrypted) as scratch:
        app_kb = _probe("memory", str(scratch))["peak_kb"]
    bare_kb = _probe("bare-memory")["peak_kb"]
    extra = (app_kb - bare_kb) / 1024
    figures["memory"] = Figure("peak memory, store open, Cases and one case visited",
                               app_kb / 1024, bare_kb / 1024, "bare PySide6 window",
                               "<= 150 MB above baseline", extra <= 150, unit="MB")
    return figures


def _bare_reportlab_table(case) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    # The narrative wraps, as it must on any readable log; nothing else is added.
    body = getSampleStyleSheet()["BodyText"]
    rows = [["Date", "Method", "Outcome", "Narrative"]] + [
        [c.occurred_at.strftime("%d/%m/%Y %H:%M"), c.method, c.outcome,
         Paragraph(escape(c.narrative), body)]
        for c in case.contacts]
    buffer = io.BytesIO()
    chunks = [Table(rows[i:i + 300], repeatRows=1, colWidths=[90, 50, 60, 280])
              for i in range(0, len(rows), 300)]
    SimpleDocTemplate(buffer, pagesize=A4).build(chunks)
    return buffer.getvalue()


# Growth from the small store to the large one that counts as not moving (the timer noise on a
# busy two-core laptop is about this much).
FLAT = 1.5
# Why a figure may grow with the store, said in the table next to it.
GROWS = {
    "today": "grows with the list it returns, not the store",
    "unlock": "grows with Today's list",
    "memory": "grows with the case list held in memory",
    "search_p50": "sub-millisecond",
    "search_p95": "grows with the cases a short prefix matches",
}


def table(results: dict[int, dict[str, Figure]]) -> str:
    sizes = sorted(results)
    small, large = sizes[0], sizes[-1]
    lines = [
        f"| figure | at {small:,} cases | at {large:,} cases | baseline at {large:,} | ratio | "
        f"target | met | growth {small:,} -> {large:,} |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for key, figure in results[large].items():
        first = results[small][key]
        growth = ""
        if first.value:
            factor = figure.value / first.value
            growth = f"{factor:.2f}x, {'flat' if factor <= FLAT else GROWS.get(key, 'grows')}"
        base = "-" if figure.baseline is None else f"{figure.baseline:.1f} {figure.unit} ({figure.baseline_name})"
        lines.append(
            f"| {figure.name} | {first.value:.1f} {figure.unit} | {figure.value:.1f} {figure.unit} "
            f"| {base} | {figure.ratio or '-'} | {figure.target} | "
            f"{'yes' if figure.met else '**no**'} | {growth} |")
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny stores, few repeats")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    if args.quick:
        sizes, repeats = (10, 20), 3
        data.DATA = Path(tempfile.mkdtemp(prefix="victimcare-bench-"))
    else:
        sizes, repeats = (500, 5000), 15
    started = time.time()
    results = {}
    try:
        for size in sizes:
            log(f"measuring at {size} cases")
            results[size] = measure_size(size, repeats, log)
    finally:
        if args.quick:
            shutil.rmtree(data.DATA, ignore_errors=True)
    text = table(results)
    print(text)
    if not args.quick:
        args.out.write_text(
            f"# Benchmarks\n\nMeasured {date.today():%d/%m/%Y} on {machine()} by `make bench` "
            f"({time.time() - started:.0f} s). Medians over repeated runs; each baseline is "
            "measured in the same run (start-up, Today and the PDF in turns with their figure). "
            "Stores are fictional "
            "(`victimcare demo`), with SQLCipher's default key derivation. On a shared virtual "
            "machine whole runs differ by up to a quarter: re-run before reading much into "
            "one figure near its limit.\n\n" + text + "\n\n" + _notes(results[sizes[-1]]) + "\n", "utf-8")
        log(f"written to {args.out}")
    return 0


# What profiling (cProfile, `python -X importtime`) found behind each figure, and what was done
# about it; the lines for the figures that miss on the machine at hand are printed as misses.
PROFILING = {
    "startup": "The bare window is Python plus PySide6's import. The first use of anything in "
               "PySide6's `Qt` namespace builds all of its enums (~25 ms), and a "
               "QDialogButtonBox does so too; the unlock window uses neither. Only the "
               "preferences file and the dialog are loaded before it paints: the store, "
               "SQLCipher, the services and the main window load while the officer types "
               "(victimcare.app.PRELOAD).",
    "unlock": "The Today list comes from an index of open commitments that carries the "
              "columns it shows (migration 3), so a cold, just-keyed store decrypts few pages, "
              "and its query names that index; the case list (every case "
              "in the store) is read when the Cases screen is first shown, and the status bar "
              "counts cases with a count.",
    "today": "The worklist reads open commitments from their own partial index, named in the "
             "query (a fresh store has no statistics to steer the planner there), already in "
             "due order, and joins each to its case's victim, safe-contact rules and "
             "agreement by primary key. It "
             "grows with the number of items it returns (every open case's overdue and "
             "coming commitments), not with the store.",
    "search_p95": "FTS5 prefix queries over one indexed document a case (names, references, "
                  "phones, narratives), joined to the case list's columns and capped at 500 "
                  "rows; the slowest queries are the short prefixes that match the most cases.",
    "open_case": "One read of the case; the log model makes a cell's text only when it paints.",
    "log_contact": "The save (insert, commitments, full-text index, audit row, fsync) is a few "
                   "ms; only the tab in front redraws, and the log's own item model resets a "
                   "list instead of building seven items a row.",
    "pdf": "The document is a full one (safe-contact block, care plan, commitments, "
           "amendments, seven columns, running headers, Page N of M) against a four-column "
           "table. Plain-text cells are broken into lines once and drawn as one text object "
           "instead of being parsed as Paragraph markup, Paragraph cells remember their "
           "wrap, and reportlab[accel] does ReportLab's number formatting and measuring in C.",
    "memory": "Qt's widgets, the case list and the open case dominate.",
}


def _notes(figures: dict[str, Figure]) -> str:
    missed = {key: f for key, f in figures.items() if not f.met}
    lines = ["Every target is met." if not missed else
             f"{len(missed)} target{'s' if len(missed) > 1 else ''} not met: see below.", ""]
    if missed:
        lines += ["## Targets not met, and what profiling found", ""]
        for key, figure in missed.items():
            lines.append(f"- **{figure.name}** ({figure.value:.0f} {figure.unit}, target "
                         f"{figure.target}): {PROFILING.get(key, 'Not yet profiled.')}")
        lines.append("")
    lines += ["## What keeps each figure where it is", ""]
    for key, figure in figures.items():
        if key in PROFILING and key not in missed:
            lines.append(f"- **{figure.name}**: {PROFILING[key]}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
