"""What every edit dialog shares: labelled fields, problems shown at the field in words,
nothing typed lost on a refusal, and a question before edits are thrown away."""

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
        return buddy

    def watch(self, *widgets: QWidget) -> None:
        """Any change in these marks the dialog as holding edits, and clears the field's mark."""
        for widget in widgets:
            def changed(*_args, w=widget) -> None:
                self.dirty = True
                self._mark(w, False)
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
        self.message.clear_message()
        for widget in self.fields.values():
            self._mark(widget, False)
        problems = self.check()
        if problems:
            self.show_problems(problems)
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

    def show_problems(self, problems: Iterable[Problem]) -> None:
        """Say every problem in words; outline each field named and put the cursor in the first."""
        texts: list[str] = []
        first: QWidget | None = None
        for problem in problems:
            if problem.message not in texts:
                texts.append(problem.message)
            widget = self.widget_for(problem.field)
            if widget is not None:
                self._mark(widget, True)
                first = first or widget
        self.message.show_message("\n".join(texts))
        if first is not None:
            self._bring_into_view(first)
            first.setFocus(Qt.FocusReason.OtherFocusReason)

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

    @staticmethod
    def problem_for_typed(field: str, widget: _TypedEdit, what: str,
                          required: bool = False) -> Problem | None:
        """A bad or missing date in a typed field, as a Problem naming `field`."""
        error = widget.error()
        if error:
            return Problem(field, f"{what}: {error}")
        if required and widget.value() is None:
            return Problem(field, f"Enter the {what.lower()}.")
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
        self.dirty = False
        super().reject()


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
