"""What every edit dialog shares: labelled fields, problems shown at the field in words,
nothing typed lost on a refusal, and a question before edits are thrown away.

Each problem is said with the name of its field ("Date of birth: '31/02/1990' is not a
date"), the list runs in the order the fields appear, and a problem leaves the list as soon
as its field is put right, while the officer types, not only on the next Save. The messages
can hold what was typed: they are shown in the dialog and never logged.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from victimcare.domain.validation import Problem, ValidationError
from victimcare.store.database import StoreError
from victimcare.views import ask
from victimcare.views.dialog_message import FIELD_STYLE, DialogMessage, mark_invalid
from victimcare.views.widgets.when_edit import _TypedEdit

FORM_STYLE = FIELD_STYLE + """
QComboBox[invalid="true"], QPlainTextEdit[invalid="true"], QSpinBox[invalid="true"],
QCheckBox[invalid="true"] { border: 2px solid #b3261e; border-radius: 3px; }
"""

# The words for a permission never asked: the app treats it as 'not safe'.
TRI_STATE = ((None, "Not yet asked"), (True, "Yes, it is safe"), (False, "No, not safe"))


def combo(words: dict[str, str], accessible_name: str, parent: QWidget | None = None,
          current: str | None = None) -> QComboBox:
    box = QComboBox(parent)
    for key, text in words.items():
        box.addItem(text, key)
    box.setAccessibleName(accessible_name)
    if current is not None:
        set_combo(box, current)
    return box


def tri_state_combo(accessible_name: str, current: bool | None,
                    parent: QWidget | None = None) -> QComboBox:
    box = QComboBox(parent)
    for value, text in TRI_STATE:
        box.addItem(text, value)
    box.setAccessibleName(accessible_name)
    set_combo(box, current)
    return box


def set_combo(box: QComboBox, value: object) -> None:
    for i in range(box.count()):
        if box.itemData(i) == value and (value is not None or box.itemData(i) is None):
            box.setCurrentIndex(i)
            return


def plain_text(accessible_name: str, parent: QWidget | None = None, text: str = "",
               lines: int = 4) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setPlainText(text)
    edit.setAccessibleName(accessible_name)
    edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
    edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


def line_edit(accessible_name: str, parent: QWidget | None = None, text: str = "",
              placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setText(text)
    edit.setAccessibleName(accessible_name)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def clear_widget_text(root: QWidget) -> None:
    """Empty every field under `root` that can hold what was typed (used before a lock)."""
    for edit in root.findChildren(QLineEdit):
        edit.setText("")  # not clear(): clear() can be undone
    for edit in root.findChildren(QPlainTextEdit):
        edit.setPlainText("")
        edit.document().clearUndoRedoStacks()


class FormDialog(QDialog):
    """An edit dialog. Subclasses build their fields, register them under the names the
    domain's `Problem.field` uses, and implement `save()` (raise ValidationError to refuse).

    Shown with `open()`; Save runs `save()` and closes only when it succeeds.
    """

    save_text = "&Save"

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setStyleSheet(FORM_STYLE)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.message = DialogMessage(self)
        self.fields: dict[str, QWidget] = {}
        self.field_labels: dict[str, str] = {}
        # What the message now lists, each with whether the dialog's own check() found it
        # (so it can be checked again as the field changes) or the service refused it.
        self._shown: list[tuple[Problem, bool]] = []
        self.dirty = False
        self._discarding = False
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.save_text)
        self.save_button.setAccessibleName(self.save_text.replace("&", ""))
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText("Cancel")
        self.cancel_button.setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    # -- building ----------------------------------------------------------------------------
    def finish_layout(self, *parts: QWidget | QLayout) -> QVBoxLayout:
        """Lay out `parts` top to bottom, then the message, then the buttons."""
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.setContentsMargins(16, 16, 16, 12)
        for part in parts:
            if isinstance(part, QLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        return layout

    def form(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setVerticalSpacing(8)
        return form

    def add_row(self, form: QFormLayout, label: str, widget: QWidget,
                field: str | None = None, shown: QWidget | QLayout | None = None) -> QLabel:
        """A row with a label whose mnemonic (the & letter) moves the focus to `widget`.
        `shown` is what the row displays when `widget` sits inside something larger."""
        buddy = QLabel(label, self)
        buddy.setBuddy(widget)
        form.addRow(buddy, shown if shown is not None else widget)
        if field:
            self.fields[field] = widget
            self.field_labels[field] = label_words(label)
        return buddy

    def label_for(self, field: str) -> str:
        """The words the officer reads beside the field: its label, or its accessible name."""
        base = field.split("[", 1)[0]
        for key in (field, base):
            if key in self.field_labels:
                return self.field_labels[key]
        widget = self.widget_for(field)
        if isinstance(widget, _TypedEdit):
            return widget.line.accessibleName()
        if isinstance(widget, QGroupBox):
            return label_words(widget.title())
        return widget.accessibleName() if widget is not None else ""

    def problem_text(self, problem: Problem) -> str:
        """The problem's message with its field named first, unless it already starts so."""
        label = self.label_for(problem.field)
        message = problem.message
        # "Date of birth is after ..." and "The offence date is ..." name theirs already.
        opening = message.casefold().removeprefix("the ")
        if not label or opening.startswith(label.casefold()):
            return message
        if len(message) > 1 and message[0].isupper() and message[1].islower():
            message = message[0].lower() + message[1:]  # a sentence now follows the label
        return f"{label}: {message}"

    def watch(self, *widgets: QWidget) -> None:
        """Any change in these marks the dialog as holding edits, and checks the problems
        listed again (see on_field_edited)."""
        for widget in widgets:
            def changed(*_args, w=widget) -> None:
                self.dirty = True
                self.on_field_edited(w)
            if isinstance(widget, QLineEdit):
                widget.textChanged.connect(changed)
            elif isinstance(widget, QPlainTextEdit):
                widget.textChanged.connect(changed)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(changed)
            elif isinstance(widget, QAbstractButton):
                widget.toggled.connect(changed)
            elif isinstance(widget, QSpinBox):
                widget.valueChanged.connect(changed)
            elif isinstance(widget, _TypedEdit):
                widget.changed.connect(changed)

    # -- saving ------------------------------------------------------------------------------
    def check(self) -> list[Problem]:
        """Problems the dialog can see before asking the service (bad dates, missing text)."""
        return []

    def save(self) -> None:
        raise NotImplementedError

    def accept(self) -> None:
        self._show([])
        problems = self.check()
        if problems:
            self.show_problems(problems, found_by_check=True)
            return
        try:
            self.save()
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return
        except StoreError as exc:
            self.message.show_message(str(exc))
            return
        self.dirty = False
        super().accept()

    def show_problems(self, problems: Iterable[Problem], found_by_check: bool = False) -> None:
        """Say every problem in words, in form order; outline each field named and put the
        cursor in the first."""
        self._show([(p, found_by_check) for p in problems])
        first = next((w for w in (self.widget_for(p.field) for p, _ in self._shown)
                      if w is not None), None)
        if first is not None:
            self._bring_into_view(first)
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def shown_problems(self) -> list[Problem]:
        return [problem for problem, _ in self._shown]

    def _show(self, shown: list[tuple[Problem, bool]]) -> None:
        """List `shown` in the order of the form, and outline exactly the fields it names."""
        order = {id(w): n for n, w in enumerate(dict.fromkeys(self.fields.values()))}

        def place(entry: tuple[Problem, bool]) -> int:
            widget = self.widget_for(entry[0].field)
            return order.get(id(widget), len(order)) if widget is not None else len(order)

        self._shown = sorted(shown, key=place)  # stable: one field's problems keep their order
        texts = list(dict.fromkeys(self.problem_text(p) for p, _ in self._shown))
        if texts:
            self.message.show_message("\n".join(texts))
        else:
            self.message.clear_message()
        wrong = {id(w) for w in (self.widget_for(p.field) for p, _ in self._shown) if w}
        for widget in dict.fromkeys(self.fields.values()):
            self._mark(widget, id(widget) in wrong)

    def on_field_edited(self, widget: QWidget) -> None:
        """A problem leaves the list once its field is put right. What the dialog checks
        itself is checked again as the officer types (and a cross-field problem goes when
        either field fixes it); what the service refused goes when its field is edited, and
        Save asks the service again."""
        if not self._shown:
            return
        touched = any(self.widget_for(p.field) is widget for p, _ in self._shown)
        checked_fields = {p.field for p, by_check in self._shown if by_check}
        if touched:
            checked_fields |= {f for f, w in self.fields.items() if w is widget}
        still = [(p, True) for p in self.check() if p.field in checked_fields]
        refused = [(p, False) for p, by_check in self._shown
                   if not by_check and self.widget_for(p.field) is not widget]
        self._show(refused + still)

    @staticmethod
    def _bring_into_view(widget: QWidget) -> None:
        # A field on a hidden tab page cannot take the focus: show its page first.
        child: QWidget | None = widget
        while child is not None:
            parent = child.parentWidget()
            if isinstance(parent, QStackedWidget) and isinstance(parent.parentWidget(), QTabWidget):
                parent.parentWidget().setCurrentWidget(child)
            child = parent

    def widget_for(self, field: str) -> QWidget | None:
        if field in self.fields:
            return self.fields[field]
        base = field.split("[", 1)[0]  # victim.phones[2] -> victim.phones
        return self.fields.get(base)

    @staticmethod
    def _mark(widget: QWidget, invalid: bool) -> None:
        if isinstance(widget, _TypedEdit):
            widget.mark_invalid(invalid)
        else:
            mark_invalid(widget, invalid)  # type: ignore[arg-type]

    def problem_for_typed(self, field: str, widget: _TypedEdit, what: str | None = None,
                          required: bool = False) -> Problem | None:
        """A bad or missing date in a typed field, as a Problem naming `field` in the words
        of its label (or `what`)."""
        name = what or self.label_for(field)
        error = widget.error()
        if error:
            return Problem(field, f"{name}: {error}")
        if required and widget.value() is None:
            return Problem(field, f"{name}: {widget.missing_words()}.")
        return None

    # -- closing -----------------------------------------------------------------------------
    def reject(self) -> None:
        """Escape, Cancel and the window's close button all come here."""
        if self.dirty and not self._discarding and not confirm_discard(self):
            return
        super().reject()

    def discard(self) -> None:
        """Close at once without asking, emptying every field: the app is about to lock."""
        self._discarding = True
        clear_widget_text(self)
        self._show([])  # the message can quote what was typed
        self.dirty = False
        super().reject()


def label_words(label: str) -> str:
    """A form label as words: '&Given names (required):' -> 'Given names'."""
    words = label.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()
    words = words.removesuffix(":").strip()
    return words.removesuffix("(required)").strip()


def confirm_discard(parent: QWidget) -> bool:
    """Ask before a dialog holding typed text closes (Escape, Cancel, the close button).
    Keep editing is the default: Enter, Escape or a slip must not lose the text."""
    return ask.confirm(parent, "Discard changes?",
                       "You have changes that are not saved. Close and lose them?",
                       yes="&Discard changes", no="&Keep editing")


def check_box(text: str, checked: bool, parent: QWidget | None = None,
              accessible_name: str | None = None) -> QCheckBox:
    box = QCheckBox(text, parent)
    box.setChecked(checked)
    box.setAccessibleName(accessible_name or text.replace("&", ""))
    return box
