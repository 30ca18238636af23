"""One clipboard owner: every copy out of the app, from code, Ctrl+C on a table, a label or a
field, or a context menu's Copy, is marked private, cleared after the interval (if it is still
there) and on lock. Driven with the real QClipboard, offscreen, with a short interval."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from tests.conftest import TEST_PASSPHRASE
from tests.views.conftest import main_window_of
from tests.views.test_today import seed_worklist
from victimcare.domain.model import Contact
from victimcare.domain.timeutil import utc_now
from victimcare.services import cases, setup
from victimcare.store import records
from victimcare.views import clipboard
from victimcare.views.clipboard import CLEAR_AFTER_MS, ClipboardOwner

SHORT_MS = 60
CTRL = Qt.KeyboardModifier.ControlModifier


def board():
    return QGuiApplication.clipboard()


@pytest.fixture
def owner(qapp):
    """A fresh owner watching the application, with a short interval; forgotten after."""
    board().setText("")
    owner = ClipboardOwner()
    owner.set_interval_ms(SHORT_MS)
    owner.activate()
    yield owner
    owner.deactivate()
    owner.clear_if_ours()
    owner.deleteLater()


def context_menu(qtbot, widget: QWidget, at: QPoint | None = None) -> QMenu:
    """Ask for `widget`'s context menu as a right click does, and return the menu shown."""
    target = widget.viewport() if hasattr(widget, "viewport") else widget
    where = at or QPoint(5, 5)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where, target.mapToGlobal(where))
    QApplication.sendEvent(target, event)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    return QApplication.activePopupWidget()


def action_named(menu: QMenu, name: str):
    return next(a for a in menu.actions() if a.objectName() == name)


def close_menu(menu: QMenu) -> None:
    if menu.isVisible():
        menu.close()


# -- the owner itself ----------------------------------------------------------------------------
def test_the_interval_is_thirty_seconds():
    assert CLEAR_AFTER_MS == 30_000
    assert ClipboardOwner().interval_ms() == CLEAR_AFTER_MS


def test_a_copy_is_marked_private_and_cleared_after_the_interval(qtbot, owner):
    owner.copy("07700 900461")
    assert board().text() == "07700 900461"
    assert bytes(board().mimeData().data("x-kde-passwordManagerHint")) == b"secret"
    assert owner.holds_ours()
    qtbot.waitUntil(lambda: board().text() == "", timeout=2000)
    assert not owner.holds_ours()


def test_what_another_program_copied_since_is_left_alone(qtbot, owner):
    owner.copy("Zofia Anna Wójcik")
    board().setText("from another program")  # not through the owner: someone else's
    assert not owner.holds_ours()
    qtbot.wait(SHORT_MS * 3)
    assert board().text() == "from another program"
    assert not owner.clear_if_ours()
    assert board().text() == "from another program"


def test_a_newer_copy_gets_the_whole_interval(qtbot, owner):
    owner.set_interval_ms(400)
    owner.copy("first")
    qtbot.wait(250)
    owner.copy("second")
    qtbot.wait(250)  # 500 ms after the first copy, 250 after the second
    assert board().text() == "second"
    qtbot.waitUntil(lambda: board().text() == "", timeout=2000)


def test_the_app_has_one_owner(qapp):
    assert clipboard.owner() is clipboard.owner()


# -- Ctrl+C and Cut in widgets ---------------------------------------------------------------------
def test_ctrl_c_on_a_selectable_label_goes_through_the_owner(qtbot, owner):
    label = QLabel("Zofia Anna Wójcik")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    qtbot.addWidget(label)
    label.show()
    label.setSelection(0, 5)
    qtbot.keyClick(label, Qt.Key.Key_C, CTRL)
    assert board().text() == "Zofia"
    assert board().mimeData().hasFormat("x-kde-passwordManagerHint")
    qtbot.waitUntil(lambda: board().text() == "", timeout=2000)


def test_ctrl_c_in_a_field_and_a_text_box_goes_through_the_owner(qtbot, owner):
    field = QLineEdit("07700 900461")
    qtbot.addWidget(field)
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_C, CTRL)
    assert board().text() == "07700 900461" and owner.holds_ours()

    text = QPlainTextEdit()
    qtbot.addWidget(text)
    text.setReadOnly(True)
    text.setPlainText("Spoke to her.\nShe asked about bail.")
    text.selectAll()
    qtbot.keyClick(text, Qt.Key.Key_C, CTRL)
    # Qt's paragraph mark becomes a newline, as other programs expect.
    assert board().text() == "Spoke to her.\nShe asked about bail." and owner.holds_ours()
    qtbot.waitUntil(lambda: board().text() == "", timeout=2000)


def test_cut_in_a_field_copies_through_the_owner_and_removes_the_text(qtbot, owner):
    field = QLineEdit("17 Laburnum Grove")
    qtbot.addWidget(field)
    field.setSelection(0, 3)
    qtbot.keyClick(field, Qt.Key.Key_X, CTRL)
    assert board().text() == "17 " and field.text() == "Laburnum Grove"
    assert owner.holds_ours()


def test_a_passphrase_is_never_copied(qtbot, owner):
    board().setText("before")
    field = QLineEdit("correct horse battery staple")
    field.setEchoMode(QLineEdit.EchoMode.Password)
    qtbot.addWidget(field)
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_C, CTRL)
    menu = context_menu(qtbot, field)
    try:
        assert not action_named(menu, "edit-copy").isEnabled()
    finally:
        close_menu(menu)
    assert board().text() == "before"


# -- context menus ----------------------------------------------------------------------------------
def test_a_labels_menu_copies_through_the_owner(qtbot, owner):
    label = QLabel("Zofia Anna Wójcik")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    qtbot.addWidget(label)
    label.show()
    menu = context_menu(qtbot, label)
    try:
        assert not action_named(menu, "edit-copy").isEnabled()  # nothing selected yet
        action_named(menu, "select-all").trigger()
    finally:
        close_menu(menu)
    assert label.selectedText() == "Zofia Anna Wójcik"
    menu = context_menu(qtbot, label)
    try:
        copy = action_named(menu, "edit-copy")
        assert copy.isEnabled()
        copy.trigger()
    finally:
        close_menu(menu)
    assert board().text() == "Zofia Anna Wójcik" and owner.holds_ours()
    assert board().mimeData().hasFormat("x-kde-passwordManagerHint")
    qtbot.waitUntil(lambda: board().text() == "", timeout=2000)


def test_a_fields_menu_copies_and_cuts_through_the_owner(qtbot, owner):
    for kind in (QLineEdit, QPlainTextEdit):
        widget = kind()
        qtbot.addWidget(widget)
        widget.show()
        (widget.setText if kind is QLineEdit else widget.setPlainText)("NW3 9QZ")
        widget.selectAll()
        menu = context_menu(qtbot, widget)
        try:
            action_named(menu, "edit-copy").trigger()
        finally:
            close_menu(menu)
        assert board().text() == "NW3 9QZ" and owner.holds_ours(), kind
        owner.clear_if_ours()
        widget.selectAll()
        menu = context_menu(qtbot, widget)
        try:
            action_named(menu, "edit-cut").trigger()
        finally:
            close_menu(menu)
        remaining = widget.text() if kind is QLineEdit else widget.toPlainText()
        assert board().text() == "NW3 9QZ" and remaining == "" and owner.holds_ours(), kind


def test_a_label_that_cannot_be_selected_keeps_qts_behaviour(qtbot, owner):
    label = QLabel("Case status")
    qtbot.addWidget(label)
    label.show()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(2, 2),
                              label.mapToGlobal(QPoint(2, 2)))
    assert not owner.eventFilter(label, event)
    assert QApplication.activePopupWidget() is None


# -- the app's own tables and labels ----------------------------------------------------------------
@pytest.fixture
def window(qtbot, start_app, db_path):
    seed_worklist(db_path)
    db = setup.unlock(db_path, TEST_PASSPHRASE)
    try:  # one entry in the contact log of the first case made
        case = cases.open_case(db, min(records.all_case_ids(db)))
        cases.log_contact(db, case, Contact(utc_now() - timedelta(hours=1), "phone",
                                            "to_victim", "victim", "spoke", [],
                                            "Told her about the charging decision"))
    finally:
        db.close()
    controller = start_app(db_path)
    controller.unlock_dialog.passphrase_edit.setText(TEST_PASSPHRASE)
    controller.unlock_dialog.accept()
    window = main_window_of(qtbot, controller)
    clipboard.owner().set_interval_ms(SHORT_MS)
    yield window
    clipboard.owner().set_interval_ms(CLEAR_AFTER_MS)


def copy_current_cell(qtbot, table: QTableView) -> str:
    board().setText("")
    table.setFocus()
    model = table.model()
    assert model.rowCount() > 0
    column = next(c for c in range(model.columnCount()) if model.index(0, c).data())
    table.setCurrentIndex(model.index(0, column))
    qtbot.keyClick(table, Qt.Key.Key_C, CTRL)
    return model.index(0, column).data()


def test_ctrl_c_on_every_table_of_the_app_goes_through_the_owner(qtbot, window):
    view = window.open_case(window.today.model.item_at(0).case_id)
    view.show_section("log")
    audit = window.show_audit()
    window.show_cases()
    window.case_list.refresh()
    tables = {"Today": window.today.table, "Cases": window.case_list.table,
              "Audit log": audit.table, "Commitments": view.commitments_tab.table}
    for name, table in tables.items():
        expected = copy_current_cell(qtbot, table)
        assert board().text() == str(expected), name
        assert clipboard.owner().holds_ours(), name
        assert board().mimeData().hasFormat("x-kde-passwordManagerHint"), name
    qtbot.waitUntil(lambda: board().text() == "", timeout=2000)


def test_ctrl_c_on_the_contact_log_and_a_case_label_goes_through_the_owner(qtbot, window):
    view = window.open_case(min(item.case_id for item in window.today.model.items()))
    assert view.log_tab.model.rowCount() == 1
    view.show_section("log")
    view.log_tab.tree.setFocus()
    view.log_tab.tree.setCurrentIndex(view.log_tab.model.index(0, 0))
    board().setText("")
    qtbot.keyClick(view.log_tab.tree, Qt.Key.Key_C, CTRL)
    assert board().text() and clipboard.owner().holds_ours()

    name = view.header.name_label
    name.setSelection(0, len(name.text()))
    qtbot.keyClick(name, Qt.Key.Key_C, CTRL)
    assert board().text() == name.text() and clipboard.owner().holds_ours()
    qtbot.waitUntil(lambda: board().text() == "", timeout=2000)


def test_the_owner_watches_only_the_events_it_needs(qtbot):
    owner = ClipboardOwner()
    widget = QWidget()
    qtbot.addWidget(widget)
    assert owner.eventFilter(widget, QEvent(QEvent.Type.Paint)) is False
