"""The case list as a Qt table model: one CaseSummary a row, sorted on real values.

Rows reach the view in batches (`canFetchMore` / `fetchMore`): the summaries of 5,000 cases
are a few hundred kilobytes, but a view asked to lay out 5,000 rows at once stutters. The
whole list is sorted in memory, then handed out BATCH rows at a time as the officer scrolls.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from victimcare.domain.model import CaseSummary
from victimcare.domain.timeutil import format_date, london
from victimcare.domain.vocabulary import CASE_STATUSES, OFFENCE_CATEGORIES
from victimcare.views.table_model import HeadedTableModel

Index = QModelIndex | QPersistentModelIndex

REFERENCE, VICTIM, OFFENCE, STATUS, OPENED = range(5)
HEADERS = ("Reference", "Victim", "Offence", "Status", "Opened")

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
BATCH = 200


def _offence(summary: CaseSummary) -> str:
    return OFFENCE_CATEGORIES.get(summary.offence_category, summary.offence_category)


def _status(summary: CaseSummary) -> str:
    return CASE_STATUSES.get(summary.status, summary.status)


def _opened(summary: CaseSummary) -> str:
    return format_date(london(summary.opened_at).date()) if summary.opened_at else ""


_DISPLAY: tuple[Callable[[CaseSummary], str], ...] = (
    lambda s: s.reference,
    lambda s: s.victim_name,
    _offence,
    _status,
    _opened,
)

# Sort on values, not on what is shown: dd/mm/yyyy sorts wrongly as text, and names sort
# without regard to case.
_SORT_KEY: tuple[Callable[[CaseSummary], Any], ...] = (
    lambda s: s.reference,
    lambda s: s.victim_name.casefold(),
    lambda s: _offence(s).casefold(),
    _status,
    lambda s: s.opened_at.timestamp() if s.opened_at else 0.0,
)


class CaseListModel(HeadedTableModel):
    headers = HEADERS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[CaseSummary] = []
        self._loaded = 0  # rows the view has been given so far
        self._sort_column = REFERENCE
        self._sort_order = Qt.SortOrder.AscendingOrder

    # -- content -----------------------------------------------------------------------------
    def set_cases(self, summaries: Sequence[CaseSummary]) -> None:
        self.beginResetModel()
        self._rows = list(summaries)
        self._sort_rows()
        self._loaded = min(BATCH, len(self._rows))
        self.endResetModel()

    def clear(self) -> None:
        """Drop every row: used when the window closes or the app locks."""
        self.set_cases([])

    def case_at(self, row: int) -> CaseSummary | None:
        return self._rows[row] if 0 <= row < self._loaded else None

    def total(self) -> int:
        """Every case in the model, fetched by the view or not yet."""
        return len(self._rows)

    def row_of_case(self, case_id: int) -> int | None:
        """The row of a case, fetching up to it if the view has not scrolled that far."""
        for row, summary in enumerate(self._rows):
            if summary.id == case_id:
                while row >= self._loaded and self.canFetchMore():
                    self.fetchMore()
                return row
        return None

    # -- lazy loading ------------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._loaded < len(self._rows)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        more = min(BATCH, len(self._rows) - self._loaded)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + more - 1)
        self._loaded += more
        self.endInsertRows()

    # -- QAbstractTableModel -----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._loaded

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._loaded:
            return None
        summary = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return _DISPLAY[index.column()](summary)
        if role == CASE_ID_ROLE:
            return summary.id
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(HEADERS):
            return
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        # Keep the selection (and any other persistent index) on the same case.
        before = self.persistentIndexList()
        moved = [self._rows[index.row()] for index in before]
        self._sort_rows()
        row_of = {id(summary): row for row, summary in enumerate(self._rows)}
        # A selected case sorted past what the view has fetched is fetched with it.
        furthest = max((row_of[id(summary)] for summary in moved), default=-1)
        self._loaded = max(self._loaded, min(furthest + 1, len(self._rows)))
        self.changePersistentIndexList(
            before, [self.index(row_of[id(summary)], index.column())
                     for index, summary in zip(before, moved, strict=True)])
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        key = _SORT_KEY[self._sort_column]
        # The reference breaks ties, so equal names or dates keep a stable, sensible order.
        self._rows.sort(key=lambda s: (key(s), s.reference),
                        reverse=self._sort_order == Qt.SortOrder.DescendingOrder)
