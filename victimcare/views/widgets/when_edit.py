"""Typing dates and times the way people say them, with a calendar for those who prefer one.

`WhenEdit` takes a date and time ("today 14:30", "yesterday 9.05", "now", "24/12/2026 15:00"),
`DateEdit` a date ("today", "tomorrow", "24/12/2026"). Each shows, beside the field, what it
understood or what is wrong, as the officer types: a mistake is visible before Save.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from victimcare.domain.timeutil import (
    format_date,
    is_end_of_day,
    london,
    parse_day,
    parse_due,
    parse_when,
)
from victimcare.views import clock
from victimcare.views.dialog_message import mark_invalid

OK_COLOUR = "#3c4043"
ERROR_COLOUR = "#b3261e"


class _CalendarPopup(QCalendarWidget):
    """A month view that closes when a day is picked (Enter or click) or on Escape."""

    picked = Signal(QDate)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowFlags(Qt.WindowType.Popup)
        self.setGridVisible(True)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setAccessibleName("Calendar")
        self.activated.connect(self._pick)
        self.clicked.connect(self._pick)

    def _pick(self, day: QDate) -> None:
        self.hide()
        self.picked.emit(day)


class _TypedEdit(QWidget):
    """A line edit, a calendar button and a line saying what the text means."""

    changed = Signal()

    def __init__(self, accessible_name: str, placeholder: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.line.setAccessibleName(accessible_name)
        self.line.setPlaceholderText(placeholder)
        self.line.setAccessibleDescription(placeholder + ". Alt+Down opens a calendar.")
        self.calendar_button = QToolButton(self)
        self.calendar_button.setText("Calendar…")
        self.calendar_button.setToolTip("Choose from a calendar (Alt+Down)")
        self.calendar_button.setAccessibleName(f"Choose {accessible_name.lower()} from a calendar")
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.feedback = QLabel(self)
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.feedback.setWordWrap(True)
        self.feedback.setAccessibleName(f"{accessible_name} as understood")
        self._calendar: _CalendarPopup | None = None

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.line, 1)
        row.addWidget(self.calendar_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.feedback)
        self.setFocusProxy(self.line)
        # A label's Alt+letter gives focus only to a buddy that accepts focus; the line edit
        # behind the proxy does, so this widget must say so too.
        self.setFocusPolicy(self.line.focusPolicy())
        self.feedback.setVisible(False)

        self.line.textChanged.connect(self._on_text_changed)
        self.calendar_button.clicked.connect(self.open_calendar)
        self.line.installEventFilter(self)
        self.calendar_button.installEventFilter(self)

    # -- what the subclasses say ----------------------------------------------------------------
    def _interpret(self, text: str) -> tuple[object | None, str]:
        raise NotImplementedError

    def _describe(self, value: object) -> str:
        raise NotImplementedError

    def _calendar_day(self) -> date:
        raise NotImplementedError

    def missing_words(self) -> str:
        """What to do about an empty field that must be filled, after its label."""
        raise NotImplementedError

    def _text_for_day(self, day: date) -> str:
        raise NotImplementedError

    # -- the public face ----------------------------------------------------------------------
    def text(self) -> str:
        return self.line.text()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming, like QLineEdit
        self.line.setText(text)

    def error(self) -> str | None:
        """What is wrong with the text, in words; None when it is empty or understood."""
        if not self.line.text().strip():
            return None
        return self._interpret(self.line.text())[1] or None

    def mark_invalid(self, invalid: bool) -> None:
        mark_invalid(self.line, invalid)

    def clear_text(self) -> None:
        self.line.setText("")  # not clear(): clear() can be undone

    # -- behaviour ----------------------------------------------------------------------------
    def _on_text_changed(self, text: str) -> None:
        self.mark_invalid(False)
        self._show_feedback()
        self.changed.emit()

    def _show_feedback(self) -> None:
        text = self.line.text()
        if not text.strip():
            self.feedback.setText("")
            self.feedback.setVisible(False)
            return
        value, problem = self._interpret(text)
        if problem:
            self.feedback.setText(problem)
            self.feedback.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: 600;")
        else:
            self.feedback.setText(self._describe(value))
            self.feedback.setStyleSheet(f"color: {OK_COLOUR};")
        self.feedback.setVisible(True)
        # A wrapped label inside a form row is given one line's height unless told otherwise,
        # and a two-line message would be cut in half.
        width = max(self.line.width(), self.feedback.width(), 160)
        self.feedback.setMinimumHeight(self.feedback.heightForWidth(width))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if (watched is self.line and event.key() == Qt.Key.Key_Down
                    and event.modifiers() & Qt.KeyboardModifier.AltModifier):
                self.open_calendar()
                return True
            # Enter on the Calendar button opens the calendar. A tool button ignores Enter,
            # which would then reach the dialog and press its default button (Save).
            if watched is self.calendar_button and event.key() in (Qt.Key.Key_Return,
                                                                   Qt.Key.Key_Enter):
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)

    def open_calendar(self) -> None:
        if self._calendar is None:
            self._calendar = _CalendarPopup(self)
            self._calendar.picked.connect(self._on_day_picked)
        day = self._calendar_day()
        self._calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self._calendar.adjustSize()
        self._calendar.move(self.line.mapToGlobal(QPoint(0, self.line.height())))
        self._calendar.show()
        self._calendar.setFocus()

    def _on_day_picked(self, day: QDate) -> None:
        self.line.setText(self._text_for_day(date(day.year(), day.month(), day.day())))
        self.line.setFocus()


class WhenEdit(_TypedEdit):
    """A date and time, local (Europe/London), 24-hour. `value()` is aware UTC, or None.

    With `by_end_of_day`, for a time something is due by, a day alone is enough and means
    the end of that day (23:59:59): "by Friday" is what a promise usually is.
    """

    def __init__(self, accessible_name: str = "When", parent: QWidget | None = None, *,
                 by_end_of_day: bool = False) -> None:
        hint = ("e.g. 13/03/2026 (by the end of that day), tomorrow 17:00" if by_end_of_day
                else "e.g. today 14:30, yesterday 9.05, 24/12/2026 15:00")
        super().__init__(accessible_name, hint, parent)
        self.by_end_of_day = by_end_of_day

    def missing_words(self) -> str:
        return "enter a date (or a date and time)" if self.by_end_of_day \
            else "enter a date and time"

    def _interpret(self, text: str) -> tuple[datetime | None, str]:
        try:
            parse = parse_due if self.by_end_of_day else parse_when
            return parse(text, clock.now()), ""
        except ValueError as exc:
            return None, str(exc)

    def _describe(self, value: object) -> str:
        assert isinstance(value, datetime)
        if self.by_end_of_day and is_end_of_day(value):
            return london(value).strftime("By the end of %A %d/%m/%Y (23:59)")
        return london(value).strftime("%A %d/%m/%Y %H:%M")

    def value(self) -> datetime | None:
        if not self.line.text().strip():
            return None
        return self._interpret(self.line.text())[0]

    def set_value(self, moment: datetime | None) -> None:
        if moment is None:
            self.line.setText("")
        elif self.by_end_of_day and is_end_of_day(moment):
            self.line.setText(format_date(london(moment).date()))  # reads back the same
        else:
            self.line.setText(london(moment).strftime("%d/%m/%Y %H:%M"))

    def _calendar_day(self) -> date:
        moment = self.value()
        return london(moment).date() if moment else clock.today()

    def _text_for_day(self, day: date) -> str:
        moment = self.value()
        if self.by_end_of_day and (moment is None or is_end_of_day(moment)):
            return format_date(day)  # by the end of the day picked
        # Keep the time already given; a new entry starts from the time now.
        kept = london(moment).time() if moment else london(clock.now()).time()
        return f"{format_date(day)} {kept.hour:02d}:{kept.minute:02d}"


class DateEdit(_TypedEdit):
    """A calendar date (dd/mm/yyyy). Empty means no date, where the field allows it."""

    def __init__(self, accessible_name: str = "Date", parent: QWidget | None = None) -> None:
        super().__init__(accessible_name, "dd/mm/yyyy, or today, yesterday, tomorrow", parent)

    def missing_words(self) -> str:
        return "enter a date"

    def _interpret(self, text: str) -> tuple[date | None, str]:
        try:
            return parse_day(text, clock.today()), ""
        except ValueError as exc:
            return None, str(exc)

    def _describe(self, value: object) -> str:
        assert isinstance(value, date)
        return value.strftime("%A %d/%m/%Y")

    def value(self) -> date | None:
        if not self.line.text().strip():
            return None
        return self._interpret(self.line.text())[0]

    def set_value(self, day: date | None) -> None:
        self.line.setText(format_date(day))

    def _calendar_day(self) -> date:
        return self.value() or clock.today()

    def _text_for_day(self, day: date) -> str:
        return format_date(day)

