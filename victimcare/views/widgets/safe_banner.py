"""The safe-contact rules as a banner nobody can miss: strong colour, and words that say it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from victimcare.domain import safe_contact
from victimcare.domain.model import SafeContactRules

WARNING_STYLE = ("QLabel { background: #8c1d18; color: white; font-weight: 700; "
                 "padding: 8px 12px; border-radius: 4px; }")
CLEAR_STYLE = ("QLabel { background: #e6f4ea; color: #0d5224; font-weight: 600; "
               "padding: 8px 12px; border: 1px solid #0d5224; border-radius: 4px; }")


def banner_text(found: list[str], notes: str = "", method: str | None = None) -> str:
    if not found:
        head = "Safe contact: no restrictions recorded"
        if method:
            head = f"Safe contact by {method}: no restrictions recorded"
        return head + (f". {notes}" if notes else "")
    head = "SAFE CONTACT" if method is None else f"SAFE CONTACT BY {method.upper()}"
    text = f"⚠ {head}: " + " · ".join(found)
    return text + (f"\nNote: {notes}" if notes else "")


class SafeContactBanner(QLabel):
    """Shows every restriction (`show_rules`), or those that matter for one method
    (`show_for_method`). A rule never asked reads 'not yet asked', never silence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAccessibleName("Safe-contact rules")
        self.warnings: list[str] = []

    def show_rules(self, rules: SafeContactRules) -> None:
        self._show(safe_contact.warnings(rules), rules.notes.strip(), None)

    def show_for_method(self, rules: SafeContactRules, method: str, method_words: str) -> None:
        self._show(safe_contact.for_method(rules, method), rules.notes.strip(), method_words)

    def _show(self, found: list[str], notes: str, method: str | None) -> None:
        self.warnings = found
        text = banner_text(found, notes, method)
        self.setText(text)
        self.setAccessibleDescription(text)
        style = WARNING_STYLE if found else CLEAR_STYLE
        if self.styleSheet() != style:  # setting it again, even unchanged, restyles the banner
            self.setStyleSheet(style)

    def clear_rules(self) -> None:
        self.warnings = []
        self.setText("")
        self.setAccessibleDescription("")
