"""The line inside a dialog that says, in words, what is wrong and what to do."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

# Qt::TextFormat and Qt::TextInteractionFlag values, set through QLabel's properties. The
# first use of anything in PySide6's `Qt` namespace builds every one of its enums (about
# 25 ms), and the unlock window, which uses these, should paint without waiting for that.
PLAIN_TEXT = 0
SELECTABLE_BY_MOUSE = 1


def set_plain(label: QLabel) -> None:
    """Show the label's text exactly as given, never as markup."""
    label.setProperty("textFormat", PLAIN_TEXT)


def set_plain_selectable(label: QLabel) -> None:
    """Plain text (see set_plain), selectable with the mouse."""
    set_plain(label)
    label.setProperty("textInteractionFlags", SELECTABLE_BY_MOUSE)


# A field the officer must correct gets this property; the dialog's style sheet outlines it.
INVALID = "invalid"

FIELD_STYLE = """
QLineEdit[invalid="true"] { border: 2px solid #b3261e; border-radius: 3px; padding: 2px; }
"""


class DialogMessage(QLabel):
    """Hidden while there is nothing to say; shown in a dark red that reads on light themes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        set_plain_selectable(self)
        self.setStyleSheet("QLabel { color: #b3261e; font-weight: 600; }")
        self.setAccessibleName("Message")
        self.setVisible(False)

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))
        # Imported here: the accessibility classes take a few ms to load, and the unlock
        # window, which has one of these messages, should paint without waiting for them.
        from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

        if text and QAccessible.isActive():
            # A screen reader would otherwise not notice a label that changed.
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, text))

    def clear_message(self) -> None:
        self.setText("")
        self.setAccessibleDescription("")
        self.setVisible(False)


def mark_invalid(field: QLineEdit, invalid: bool) -> None:
    if bool(field.property(INVALID)) == invalid:
        return
    field.setProperty(INVALID, invalid)
    # A dynamic property change does not restyle by itself.
    field.style().unpolish(field)
    field.style().polish(field)
    field.update()  # polish restyles but does not repaint a field that keeps the focus
