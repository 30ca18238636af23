"""The case header: who the victim is, the case's references and rights, open or closed, and
the safe-contact banner. It stays in view whatever tab is in front."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from victimcare.domain import vocabulary as vocab
from victimcare.domain.model import Case
from victimcare.domain.timeutil import format_datetime
from victimcare.views.case.parts import label, rights_of
from victimcare.views.widgets.safe_banner import SafeContactBanner

_OPEN_STYLE = ("QLabel { color: #0d5224; font-weight: 700; border: 1px solid #0d5224; "
               "padding: 2px 6px; }")
_CLOSED_STYLE = ("QLabel { color: #3c4043; font-weight: 700; border: 1px solid #3c4043; "
                 "padding: 2px 6px; }")


class CaseHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_label = label(self, "Victim")
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name_label.setFont(font)
        self.ids_label = label(self, "Case references")
        self.rights_label = label(self, "Rights under the Victims' Code")
        self.status_label = label(self, "Case status")
        self.banner = SafeContactBanner(self)

        lines = QVBoxLayout()
        lines.setSpacing(2)
        top = QHBoxLayout()
        top.addWidget(self.name_label, 1)
        top.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        lines.addLayout(top)
        lines.addWidget(self.ids_label)
        lines.addWidget(self.rights_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)  # the case view's own spacing, as when these sat in it directly
        layout.addLayout(lines)
        layout.addWidget(self.banner)

    def show_case(self, case: Case) -> None:
        self.name_label.setText(case.victim.display_name)
        ids = [case.reference]
        ids.append(f"Crime ref {case.crime_reference}" if case.crime_reference
                   else "No crime reference yet")
        ids.append(vocab.label(vocab.OFFENCE_CATEGORIES, case.offence_category))
        self.ids_label.setText(" · ".join(ids))
        self.rights_label.setText(rights_of(case).describe())
        closed = case.status == "closed"
        self.status_label.setText(f"CLOSED {format_datetime(case.closed_at)}" if closed
                                  else "Open")
        style = _CLOSED_STYLE if closed else _OPEN_STYLE
        if self.status_label.styleSheet() != style:  # setting it again restyles the label
            self.status_label.setStyleSheet(style)
        self.banner.show_rules(case.safe_contact)

    def clear(self) -> None:
        for widget in (self.name_label, self.ids_label, self.rights_label, self.status_label):
            widget.setText("")
        self.banner.clear_rules()
