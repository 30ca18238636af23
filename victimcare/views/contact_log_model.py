"""The contact log as a tree: newest entry first, an amended entry holding its original and
each amendment as child rows.

A hand-written model rather than a QStandardItemModel: that one builds seven items for every
row up front, so redrawing a 500-entry log after each save took most of the save's time. This
one keeps the entries in a list and makes a cell's text only when the view paints that cell.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from victimcare.domain import vocabulary as vocab
from victimcare.domain.conversation import is_conversation, outcome_words
from victimcare.domain.describe import covered_words
from victimcare.domain.model import Case, Contact, ContactAmendment
from victimcare.domain.timeutil import format_datetime
from victimcare.views.table_model import Headed, Index
from victimcare.views.text import first_line, plain_tooltip

ID_ROLE = Qt.ItemDataRole.UserRole + 1
ATTEMPT_COLOUR = "#5f6368"
HEADERS = ("When", "Result", "Method", "With", "Outcome", "Code items covered", "Narrative")
_COVERED, _NARRATIVE = 5, 6
_DISPLAY = Qt.ItemDataRole.DisplayRole
_FONT = Qt.ItemDataRole.FontRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_ANSWERED = frozenset({int(_DISPLAY), int(_FONT), int(_FOREGROUND), int(ID_ROLE),
                       int(Qt.ItemDataRole.ToolTipRole)})


class LogRow:
    """One row of the log: an entry as it now reads, its original, or one amendment.
    `successful` is whether this version of the entry is a conversation, by the rule the
    printouts and the commitments use (domain.conversation)."""

    __slots__ = ("view", "result", "contact_id", "successful", "child", "_outcome", "_cells")

    def __init__(self, view: Contact | ContactAmendment, result: str, contact_id: int | None,
                 case: Case, child: bool = False) -> None:
        self.view = view
        self.result = result
        self.contact_id = contact_id
        self.successful = is_conversation(view, case)
        self._outcome = outcome_words(view, case)
        self.child = child
        self._cells: tuple[str, ...] | None = None

    @property
    def cells(self) -> tuple[str, ...]:
        if self._cells is None:
            view = self.view
            self._cells = (
                format_datetime(view.occurred_at),
                self.result,
                vocab.label(vocab.CONTACT_METHODS, view.method),
                vocab.label(vocab.CONTACT_PARTIES, view.with_whom),
                self._outcome,
                covered_words(view),
                first_line(view.narrative),
            )
        return self._cells


def log_rows(case: Case) -> list[tuple[LogRow, list[LogRow]]]:
    """Each entry, newest first, with the rows shown under it when it has been amended.
    The entry's row says what it is as it now reads; each version under it is marked by its
    own fields, as the printed log marks each of its rows."""
    rows = []
    for contact in sorted(case.contacts, key=lambda c: (c.current.occurred_at, c.id or 0),
                          reverse=True):
        top = LogRow(contact.current, "", contact.id, case)
        top.result = "Contact made" if top.successful else "Attempt"
        children: list[LogRow] = []
        if contact.amendments:
            top.result += " · amended"
            children.append(LogRow(contact, "As first written", contact.id, case, child=True))
            for number, amendment in enumerate(contact.amendments, 1):
                children.append(LogRow(
                    amendment, f"Amendment {number}, {format_datetime(amendment.amended_at)}: "
                               f"{amendment.reason}", contact.id, case, child=True))
        rows.append((top, children))
    return rows


class ContactLogModel(Headed, QAbstractItemModel):
    """Top-level rows have internal id 0; a child row's internal id is its parent's row + 1."""

    headers = HEADERS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[LogRow, list[LogRow]]] = []
        self._italic = QFont()
        self._italic.setItalic(True)
        self._bold = QFont()
        self._bold.setBold(True)
        self._attempt_brush = QBrush(QColor(ATTEMPT_COLOUR))

    def set_case(self, case: Case) -> None:
        # A reset, not an insert of the one new entry: a child row's internal id names its
        # parent's row, which an insert above would move under any index the view keeps.
        self.beginResetModel()
        self._rows = log_rows(case)
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self.endResetModel()

    # -- the tree ---------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Bounds checked here rather than by hasIndex(), which calls back into rowCount() and
        # columnCount(): the view asks for every row's index whenever it lays the log out.
        if parent.isValid():
            if parent.internalId() != 0 or parent.column() != 0:
                return QModelIndex()
            count, parent_id = len(self._rows[parent.row()][1]), parent.row() + 1
        else:
            count, parent_id = len(self._rows), 0
        if 0 <= row < count and 0 <= column < len(HEADERS):
            return self.createIndex(row, column, parent_id)
        return QModelIndex()

    def parent(self, index: Index | None = None):  # type: ignore[override]
        if index is None:  # QObject.parent(), which shares the name
            return super().parent()
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's name
        if not parent.isValid():
            return len(self._rows)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        return len(self._rows[parent.row()][1])

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's name
        return len(HEADERS)

    def row_at(self, index: Index) -> LogRow:
        parent_id = index.internalId()
        if parent_id == 0:
            return self._rows[index.row()][0]
        return self._rows[parent_id - 1][1][index.row()]

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Asked about a dozen times for every cell the view paints: roles we never answer
        # leave first, and the role values are looked up once, not on every call.
        if role not in _ANSWERED or not index.isValid():
            return None
        row = self.row_at(index)
        column = index.column()
        if role == _DISPLAY:
            return row.cells[column]
        if role == _FONT:
            if row.child or not row.successful:
                return self._italic
            return self._bold if column == 1 else None
        if role == _FOREGROUND:
            return None if row.successful else self._attempt_brush
        if role == ID_ROLE:
            return row.contact_id
        if column == _COVERED:  # the tooltip
            return plain_tooltip(row.cells[_COVERED]) or None
        if column == _NARRATIVE:
            return plain_tooltip(row.view.narrative) or None
        return None
