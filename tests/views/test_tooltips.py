"""Every tooltip and label made from recorded data shows that data as written.

Qt draws a tooltip (and a QLabel left in AutoText) as rich text whenever the text looks like
markup, so a narrative holding `<img src="...">` would make Qt read that file and `<h1>` would
set a heading. A store full of such text is opened in the real window; every tooltip on every
screen and dialog is then read back the way Qt would read it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import Qt as GuiQt  # mightBeRichText lives in QtGui's part of Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QWidget

from tests.conftest import TEST_PASSPHRASE
from tests.views.conftest import main_window_of
from victimcare.domain.model import CareNeed, CaseEvent, Contact, Officer, Referral, Victim
from victimcare.services import care_plan, cases, commitments, setup
from victimcare.views.dialogs import MeetByEntryDialog
from victimcare.views.text import plain_tooltip


def hostile(tmp_path) -> str:
    """Markup that would read a file and set a heading if Qt took it for rich text."""
    return (f'Said <img src="{tmp_path / "probe.png"}"> then <h1>shouted</h1>\n'
            "a < b & c > d  <b>bold?</b>")


class ReadingDocument(QTextDocument):
    """A QTextDocument that notes every file or image it is asked to load."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[str] = []

    def loadResource(self, kind, name):  # noqa: N802 - Qt's name
        self.loaded.append(name.toString())
        return None


def as_qt_shows(text: str) -> tuple[str, ReadingDocument]:
    """What Qt shows for `text` in a tooltip or an AutoText label, and the document it
    lays out to show it (laid out, so any image would have been fetched)."""
    document = ReadingDocument()
    if GuiQt.mightBeRichText(text):
        document.setHtml(text)
    else:
        document.setPlainText(text)
    document.setTextWidth(400)
    document.size()
    return document.toPlainText(), document


def assert_inert(text: str) -> str:
    """`text` draws no image, heading or link, and fetches nothing; returns what it shows."""
    shown, document = as_qt_shows(text)
    assert document.loaded == [], text
    block = document.begin()
    while block.isValid():
        assert block.blockFormat().headingLevel() == 0, text
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            assert not fragment.charFormat().isImageFormat(), text
            assert not fragment.charFormat().isAnchor(), text
            fragments += 1
        block = block.next()
    return shown


def test_the_check_itself_catches_raw_markup(qapp, tmp_path):
    # The probe would fail a tooltip that carried the text unescaped.
    raw = hostile(tmp_path)
    shown, document = as_qt_shows(raw)
    assert document.loaded == [str(tmp_path / "probe.png")] and "shouted" in shown
    with pytest.raises(AssertionError):
        assert_inert(raw)


@pytest.mark.parametrize("text", ["plain", "O'Neill & sons", 'a<b>c</b>', "<h1>x</h1>",
                                  "line one\n  line two", "5 < 6 > 4", "&amp; &lt;"])
def test_plain_tooltip_shows_exactly_the_text(qapp, text):
    assert assert_inert(plain_tooltip(text)) == text
    assert plain_tooltip("") == "" and plain_tooltip(None) == ""


# -- every screen, with markup in every field a tooltip can show ------------------------------
OFFICER_NAME = "PC <h1>Alex</h1> Morgan"


def seed(db_path, text: str) -> None:
    db = setup.create_store(db_path, TEST_PASSPHRASE,
                            Officer(OFFICER_NAME, "MP4821", "Team B"))
    try:
        now = datetime.now(UTC)
        case = cases.new_case(db, Victim("Grace", f"<h1>Okafor</h1> {text}"), "sexual_offence",
                              notes=text, now=now - timedelta(days=20))
        cases.record_event(db, case, CaseEvent("arrested", now - timedelta(days=12), text))
        care_plan.add_need(db, case, CareNeed("housing", "high", text))
        care_plan.add_referral(db, case, Referral("isva", notes=text))
        commitments.add_promise(db, case, f"Ring {text}", now + timedelta(days=1))
        # Logged after the promise was made, so it is offered as the call that kept it.
        cases.log_contact(db, case, Contact(datetime.now(UTC), "phone", "to_victim", "victim",
                                            "spoke", ["investigation_update"], text), meets=[])
    finally:
        db.close()


def item_tooltips(view: QAbstractItemView) -> list[str]:
    model = view.model()
    found: list[str] = []

    def walk(parent: QModelIndex) -> None:
        while model.canFetchMore(parent):
            model.fetchMore(parent)
        try:
            columns = model.columnCount(parent)
        except TypeError:  # a QListWidget's model keeps columnCount private: one column
            columns = 1
        for row in range(model.rowCount(parent)):
            for column in range(columns):
                tip = model.index(row, column, parent).data(Qt.ItemDataRole.ToolTipRole)
                if tip:
                    found.append(str(tip))
            walk(model.index(row, 0, parent))

    if model is not None:
        walk(QModelIndex())
    return found


def every_tooltip(top: QWidget) -> list[str]:
    """Every widget's, action's, tab's and item's tooltip under `top`."""
    tips = [w.toolTip() for w in [top, *top.findChildren(QWidget)]]
    tips += [a.toolTip() for w in [top, *top.findChildren(QWidget)] for a in w.actions()]
    for tabs in top.findChildren(QWidget):
        if hasattr(tabs, "tabToolTip") and hasattr(tabs, "count"):
            tips += [tabs.tabToolTip(i) for i in range(tabs.count())]
    for view in top.findChildren(QAbstractItemView):
        tips += item_tooltips(view)
    return [tip for tip in tips if tip]


def assert_labels_plain(top: QWidget, marker: str) -> None:
    for label in top.findChildren(QLabel):
        if marker in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.accessibleName()


@pytest.fixture
def window(qtbot, start_app, db_path, tmp_path):
    seed(db_path, hostile(tmp_path))
    controller = start_app(db_path)
    controller.unlock_dialog.passphrase_edit.setText(TEST_PASSPHRASE)
    controller.unlock_dialog.accept()
    return main_window_of(qtbot, controller)


def test_every_tooltip_and_label_on_every_screen_shows_markup_as_written(qtbot, window,
                                                                         tmp_path):
    text = hostile(tmp_path)
    first_line = text.splitlines()[0]
    shown: dict[str, list[str]] = {}

    def look(where: str, top: QWidget) -> None:
        shown[where] = [assert_inert(tip) for tip in every_tooltip(top)]
        assert_labels_plain(top, "<h1>")

    look("case list and Today", window)
    window.show_today()
    look("Today", window.today)
    case_id = window.today.model.item_at(0).case_id
    view = window.open_case(case_id)
    for tab in range(view.tabs.count()):  # tabs are filled when first shown
        view.tabs.setCurrentIndex(tab)
    look("case", view)
    look("window tabs", window.tabs)
    promise = next(c for c in view.case.commitments if c.kind == "promise")
    dialog = MeetByEntryDialog(window.db, view.case, promise,
                               commitments.entries_that_could_meet(view.case, promise), window)
    qtbot.addWidget(dialog)
    look("mark promise met", dialog)
    audit = window.show_audit()
    look("audit", audit)
    look("main window", window)

    everything = "\n".join(tip for tips in shown.values() for tip in tips)
    assert (tmp_path / "probe.png").name in everything  # the markup reached the tooltips...
    # ...and each screen that shows it shows it as written.
    assert any(first_line in tip for tip in shown["Today"])           # the victim, the reason
    assert any(text in tip for tip in shown["case"])                   # narrative and notes
    assert any(text in tip for tip in shown["mark promise met"])       # the narrative
    assert any(OFFICER_NAME in tip for tip in shown["audit"])          # the officer's name
    assert window.officer_label.text() == OFFICER_NAME  # in the status bar, as plain text
    assert window.officer_label.textFormat() == Qt.TextFormat.PlainText
    assert QApplication.activeModalWidget() is None
