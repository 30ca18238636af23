"""What the parts of a case view share: the view they belong to, and how their labels,
buttons and lists are made (so every tab's lists look and behave alike)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QAbstractItemModel, Qt, SignalInstance
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QPushButton,
    QTableView,
    QTreeView,
    QWidget,
)

from victimcare.domain.eligibility import Eligibility, eligibility
from victimcare.domain.model import Case
from victimcare.services import commitments
from victimcare.store.database import Database
from victimcare.views.contact_log_model import ID_ROLE
from victimcare.views.text import plain_tooltip


class CaseHost(Protocol):
    """The case view, as its tabs see it: the case shown now, and one dialog at a time."""

    db: Database
    case: Case | None

    def open_dialog(self, dialog: QDialog, signal: SignalInstance,
                    after: Callable[[], None] | None = None) -> QDialog: ...

    def log_contact(self, preselect_commitment_id: int | None = None) -> QDialog | None: ...

    def record_event(self) -> QDialog | None: ...

    def edit_victim(self) -> QDialog | None: ...


def rights_of(case: Case) -> Eligibility:
    """The victim's rights under the Victims' Code version the case is held under."""
    return eligibility(case, commitments.rules_for(case))


def label(parent: QWidget, name: str, selectable: bool = True) -> QLabel:
    widget = QLabel(parent)
    widget.setTextFormat(Qt.TextFormat.PlainText)  # names and notes are never markup
    widget.setWordWrap(True)
    widget.setAccessibleName(name)
    if selectable:
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


def button(parent: QWidget, text: str, slot: Callable[[], object],
           name: str | None = None) -> QPushButton:
    widget = QPushButton(text, parent)
    widget.setAccessibleName(name or text.replace("&&", "and").replace("&", "").rstrip("…"))
    widget.clicked.connect(lambda _checked=False: slot())
    return widget


def table(parent: QWidget, model: QStandardItemModel, name: str) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(parent.fontMetrics().height() + 12)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setStretchLastSection(True)
    return view


def fit_columns(view: QTableView | QTreeView, widest: int = 360) -> None:
    """Columns as wide as their contents, but none so wide it pushes the rest away."""
    header = view.header() if isinstance(view, QTreeView) else view.horizontalHeader()
    for column in range(header.count()):
        view.resizeColumnToContents(column)
        header.resizeSection(column, min(header.sectionSize(column) + 12, widest))


def item(text: str, item_id: int | None = None, tooltip: str | None = None) -> QStandardItem:
    """A read-only cell carrying the id of the record its row shows."""
    cell = QStandardItem(text)
    cell.setEditable(False)
    if item_id is not None:
        cell.setData(item_id, ID_ROLE)
    if tooltip:
        cell.setToolTip(plain_tooltip(tooltip))
    return cell


def selected_id(view: QAbstractItemView) -> int | None:
    index = view.currentIndex()
    return index.data(ID_ROLE) if index.isValid() else None


def select_id(view: QAbstractItemView, model: QAbstractItemModel, record_id: int) -> None:
    """Make the top-level row showing `record_id` current (nothing when none does)."""
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(ID_ROLE) == record_id:
            view.setCurrentIndex(index)
            return


def set_tab_order(chain: list[QWidget]) -> None:
    for first, second in zip(chain, chain[1:], strict=False):
        QWidget.setTabOrder(first, second)
