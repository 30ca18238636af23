"""Locking: after the idle time (or at once on the shortcut) no widget or model holds personal
data, the connection is closed, the clipboard the app filled is cleared; unlocking restores.
Wrong passphrases slow down and are counted in the audit log."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from tests.conftest import TEST_PASSPHRASE
from tests.views.conftest import OFFICER, main_window_of
from tests.views.test_today import seed_worklist
from victimcare.store import audit_log
from victimcare.views import ask, clipboard
from victimcare.views.lock import InactivityTimer, delay_after
from victimcare.views.unlock_dialog import WRONG_PASSPHRASE

SECRETS = ("Wójcik", "Zosia", "Zofia", "Okafor", "Grace", "O'Neill", "Siobhán",
           "charging decision", "Laburnum", OFFICER.name)


def _model_texts(model: QAbstractItemModel, parent: QModelIndex = QModelIndex()) -> list[str]:  # noqa: B008
    texts = []
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                         Qt.ItemDataRole.AccessibleTextRole):
                value = index.data(role)
                if value is not None:
                    texts.append(str(value))
            if column == 0 and model.rowCount(index) > 0:
                texts.extend(_model_texts(model, index))
    return texts


def everything_shown() -> str:
    """Every text in every top-level widget (shown or hidden) and every item model."""
    texts: list[str] = []
    models: set[QAbstractItemModel] = set()
    for top in QApplication.topLevelWidgets():
        for widget in [top, *top.findChildren(QWidget)]:
            texts += [widget.windowTitle(), widget.toolTip(), widget.accessibleName(),
                      widget.accessibleDescription()]
            if isinstance(widget, (QLabel, QLineEdit, QAbstractButton)):
                texts.append(widget.text())
            if isinstance(widget, (QTextEdit, QPlainTextEdit)):
                texts.append(widget.toPlainText())
            if isinstance(widget, QComboBox):
                texts += [widget.itemText(i) for i in range(widget.count())]
                texts.append(widget.currentText())
            if isinstance(widget, QTabBar):
                texts += [widget.tabText(i) for i in range(widget.count())]
            if isinstance(widget, QAbstractItemView) and widget.model() is not None:
                models.add(widget.model())
        models.update(top.findChildren(QAbstractItemModel))
    for model in models:
        texts += _model_texts(model)
    return "\n".join(texts)


@pytest.fixture
def controller(qtbot, start_app, db_path):
    seed_worklist(db_path)
    controller = start_app(db_path)
    controller.unlock_dialog.passphrase_edit.setText(TEST_PASSPHRASE)
    controller.unlock_dialog.accept()
    main_window_of(qtbot, controller)
    return controller


def unlock(qtbot, controller, passphrase=TEST_PASSPHRASE):
    dialog = controller.unlock_dialog
    qtbot.waitUntil(lambda: dialog.unlock_button.isEnabled(), timeout=10_000)
    dialog.passphrase_edit.setText(passphrase)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)


def test_the_app_locks_when_idle_and_then_holds_nothing_personal(qtbot, controller,
                                                                 monkeypatch):
    window = controller.main_window
    database = controller.database
    # Busy screens first: an open case, a half-typed contact, the audit and retention tabs.
    window.open_case(window.today.model.item_at(0).case_id)
    window.show_audit()
    window.show_retention()
    window.show_today()
    window.today.table.selectRow(0)
    window.log_contact()
    dialog = window.log_contact_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.contact_fields.narrative_edit.setPlainText("She asked about the charging decision")
    clipboard.copy("Zofia Anna Wójcik")
    assert "Wójcik" in everything_shown()

    # Locking must never stop to ask about the half-typed dialog.
    monkeypatch.setattr(ask, "confirm", lambda *a, **k: pytest.fail("lock asked a question"))
    controller.inactivity.set_interval_ms(150)
    controller.inactivity.activate()
    qtbot.waitUntil(lambda: controller.locked, timeout=5000)

    assert controller.database is None
    assert database.connection is None  # closed, not only forgotten
    assert not window.isVisible()
    assert controller.unlock_dialog.isVisible()
    assert window.case_views() == []
    assert window.today.model.rowCount() == 0 and window.case_list.model.rowCount() == 0
    assert QGuiApplication.clipboard().text() == ""
    shown = everything_shown()
    for secret in SECRETS:
        assert secret not in shown, secret

    unlock(qtbot, controller)
    qtbot.waitUntil(lambda: not controller.locked and window.isVisible())
    assert controller.database is not None
    assert window.today.model.rowCount() == 3
    assert window.count_label.text() == "3 cases"
    window.show_cases()
    assert window.case_list.model.rowCount() == 3
    assert window.officer_label.text() == OFFICER.name
    assert controller.inactivity.is_active()


def test_the_lock_button_and_shortcut_lock_at_once(qtbot, controller):
    window = controller.main_window
    assert window.lock_action.shortcut().toString() == "Ctrl+Shift+L"
    assert window.lock_action in window.toolbar.actions()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.today.table, Qt.Key.Key_L,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: controller.locked)
    assert controller.database is None
    unlock(qtbot, controller)
    qtbot.waitUntil(lambda: not controller.locked)
    window.lock_action.trigger()
    assert controller.locked


def test_the_clipboard_is_left_alone_when_the_officer_copied_something_else(qapp):
    clipboard.copy("VC-2026-0001")
    QGuiApplication.clipboard().setText("from another program")
    assert not clipboard.clear_if_ours()
    assert QGuiApplication.clipboard().text() == "from another program"
    clipboard.copy("VC-2026-0001")
    assert clipboard.clear_if_ours()
    assert QGuiApplication.clipboard().text() == ""


def test_wrong_passphrases_slow_down_and_are_audited(qtbot, controller):
    controller.lock()
    dialog = controller.unlock_dialog
    unlock(qtbot, controller, "not the passphrase")
    assert dialog.message.text() == WRONG_PASSPHRASE
    assert dialog.unlock_button.isEnabled()  # a first slip costs nothing
    unlock(qtbot, controller, "still not the passphrase")
    assert not dialog.unlock_button.isEnabled()
    assert dialog.unlock_button.text().startswith("Wait")
    # Return in the field does not get round the wait.
    dialog.passphrase_edit.setText(TEST_PASSPHRASE)
    dialog.accept()
    assert controller.locked
    unlock(qtbot, controller)
    qtbot.waitUntil(lambda: not controller.locked)
    details = [e.detail for e in audit_log.audit_entries(controller.database)]
    assert "2 failed unlock attempts" in details


def test_the_delay_grows_and_is_capped():
    assert [delay_after(n) for n in range(1, 9)] == [0, 1, 2, 4, 8, 16, 30, 30]


def test_the_idle_filter_restarts_on_activity_only(qapp):
    timer = InactivityTimer()
    timer.set_interval_ms(60_000)
    timer.activate()
    try:
        timer._timer.stop()
        timer.eventFilter(timer, QEvent(QEvent.Type.Paint))
        assert not timer._timer.isActive()  # painting is not a person
        timer._last_restart = 0.0
        key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
        assert timer.eventFilter(timer, key) is False  # never swallows the event
        assert timer._timer.isActive()
    finally:
        timer.deactivate()
    assert not timer.is_active()


def test_a_lock_asked_for_during_a_backup_happens_when_the_backup_ends(qtbot, controller):
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QWidget

    class FakeThread(QObject):
        finished = Signal()

    class FakeBackupDialog(QWidget):
        def __init__(self):
            super().__init__()
            self.thread = FakeThread(self)
            self.running = True

        def is_running(self):
            return self.running

    window = controller.main_window
    backup = FakeBackupDialog()
    qtbot.addWidget(backup)
    window.backup_dialog = backup
    window.lock_action.trigger()
    assert not controller.locked and controller.database is not None
    backup.running = False
    backup.thread.finished.emit()
    assert controller.locked and controller.database is None
