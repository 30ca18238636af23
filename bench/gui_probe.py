"""Runs in a child process: measures one GUI figure and prints it as JSON on stdout.

    python -m bench.gui_probe bare-window T0        time from T0 to a bare window painted
    python -m bench.gui_probe unlock-window T0 DB    time from T0 to the unlock dialog painted
    python -m bench.gui_probe interactive DB         unlock, open a case, log a contact
    python -m bench.gui_probe memory DB              peak memory after Cases and one case
    python -m bench.gui_probe bare-memory            peak memory of a bare window
"""

from __future__ import annotations

import importlib
import json
import os
import resource
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class FirstPaint(QObject):
    """Notes when any window is first painted, then stops the event loop."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.at: float | None = None
        self._app = app

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and self.at is None and isinstance(watched, QWidget) \
                and watched.isWindow():
            self.at = time.time()
            QTimer.singleShot(0, self._app.quit)
        return False


def _paint_time(app: QApplication, show) -> float:
    watcher = FirstPaint(app)
    app.installEventFilter(watcher)
    show()
    QTimer.singleShot(20_000, app.quit)  # never hang a benchmark
    app.exec()
    return watcher.at or float("nan")


def _wait_painted(app: QApplication, widget: QWidget) -> None:
    """Process events until `widget` has been painted (repaint() paints synchronously)."""
    app.processEvents()
    widget.repaint()
    app.processEvents()


def bare_window(t0: float) -> dict:
    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.resize(480, 320)
    at = _paint_time(app, window.show)
    return {"ms": (at - t0) * 1000}


def unlock_window(t0: float, db_path: str) -> dict:
    from victimcare import app as victimcare_app

    controller = victimcare_app.run([sys.argv[0]], db_path=Path(db_path), exec=False)
    at = _paint_time(QApplication.instance(), lambda: None)
    del controller
    return {"ms": (at - t0) * 1000}


def _main_window(db):
    from victimcare.services import setup
    from victimcare.views.main_window import MainWindow

    return MainWindow(db, setup.current_officer(db))


def interactive(db_path: str) -> dict:
    from bench.data import OPEN_CASE_CONTACTS, PASSPHRASE, case_with_contacts
    from victimcare.domain.model import Contact
    from victimcare.domain.timeutil import utc_now
    from victimcare.services import cases  # noqa: F401 - log_contact below
    from victimcare.store import open_database

    app = QApplication(sys.argv[:1])
    # What the app loads while the officer types the passphrase (victimcare.app.start_preload).
    from victimcare import app as victimcare_app
    from victimcare.domain import working_days

    for module in victimcare_app.PRELOAD:
        importlib.import_module(module)
    working_days.warm()
    results: dict[str, list[float]] = {"kdf": [], "today": [], "open_case": [], "log_contact": []}
    for _ in range(5):
        start = time.perf_counter()
        db = open_database(db_path, PASSPHRASE)  # key derivation + schema check
        keyed = time.perf_counter()
        window = _main_window(db)
        window.show()
        window.show_today()
        _wait_painted(app, window)
        painted = time.perf_counter()
        results["kdf"].append((keyed - start) * 1000)
        results["today"].append((painted - keyed) * 1000)

        case_id = case_with_contacts(db, OPEN_CASE_CONTACTS)
        start = time.perf_counter()
        view = window.open_case(case_id)
        _wait_painted(app, window)
        results["open_case"].append((time.perf_counter() - start) * 1000)

        # The heavier of the two places an officer logs from inside a case: with the contact
        # log itself in front, which must be redrawn at once.
        view.tabs.setCurrentIndex(1)
        _wait_painted(app, window)
        for _ in range(3):  # an officer logs several in a sitting: more samples, same rounds
            start = time.perf_counter()
            cases.log_contact(db, view.case, Contact(utc_now(), "phone", "to_victim", "victim",
                                                     "spoke", ["investigation_update"],
                                                     "Bench call"))
            # What the log-contact dialog's save triggers: the case view redraws from the
            # updated case and announces the change, so Today and the case list refresh.
            view._saved()
            _wait_painted(app, window)
            results["log_contact"].append((time.perf_counter() - start) * 1000)
        window.close()
        window.deleteLater()
        app.processEvents()
        db.close()
    return results


def memory(db_path: str) -> dict:
    from bench.data import OPEN_CASE_CONTACTS, PASSPHRASE, case_with_contacts
    from victimcare.store import open_database

    app = QApplication(sys.argv[:1])
    db = open_database(db_path, PASSPHRASE)
    window = _main_window(db)
    window.show()
    window.show_cases()
    _wait_painted(app, window)
    window.open_case(case_with_contacts(db, OPEN_CASE_CONTACTS))
    _wait_painted(app, window)
    return {"peak_kb": _peak_kb()}


def _peak_kb() -> int:
    """This process's own peak resident memory. ru_maxrss would do elsewhere, but on Linux it
    survives exec and so reports the parent's peak if that was larger: VmHWM does not."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def bare_memory() -> dict:
    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.show()
    _wait_painted(app, window)
    return {"peak_kb": _peak_kb()}


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    mode = sys.argv[1]
    if mode == "bare-window":
        result = bare_window(float(sys.argv[2]))
    elif mode == "unlock-window":
        result = unlock_window(float(sys.argv[2]), sys.argv[3])
    elif mode == "interactive":
        result = interactive(sys.argv[2])
    elif mode == "memory":
        result = memory(sys.argv[2])
    else:
        result = bare_memory()
    print(json.dumps(result), flush=True)
    os._exit(0)  # skip Qt's teardown: the figure is taken


if __name__ == "__main__":
    main()
