"""The overview tab: everything about the victim and the case on one page, what is owed next
at the top of the right half, beside who the victim is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from victimcare.domain import commitment_rules, describe
from victimcare.domain import vocabulary as vocab
from victimcare.domain.eligibility import age_on
from victimcare.domain.model import Case
from victimcare.domain.timeutil import format_date, format_datetime
from victimcare.views import clock
from victimcare.views.case.parts import CaseHost, button, label, rights_of

# (title, captions, which half of the page).
SECTIONS = (
    ("Victim", ("Name", "Preferred name", "Date of birth", "Address", "Phones", "Email"), 0),
    ("Language and communication", ("Language", "Interpreter", "Communication needs"), 0),
    ("What is owed", ("Due next", "Still open"), 1),
    ("Safe contact", ("Voicemail", "Texts", "Letters", "Email contact", "Safe times", "Suspect",
                      "Safe-contact notes"), 1),
    ("Contact agreement", ("Agreement", "Start", "Agreement notes"), 1),
    ("Rights and vulnerability", ("Rights", "Vulnerability", "Persistently targeted"), 0),
    ("The case", ("Offence", "Offence date", "Crime reference", "Opened", "Victims' Code",
                  "Case notes", "Closure"), 1),
)
_OVERDUE_STYLE = "QLabel { color: #8c1d18; font-weight: 700; }"


class OverviewTab(QWidget):
    def __init__(self, host: CaseHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The header's button does the same and holds the Alt letter (Alt+S).
        self.edit_button = button(self, "Edit victim && safe contact…", host.edit_victim,
                                  "Edit victim and safe contact")
        # One value label per caption; the captions ('Name:') hold nothing personal.
        self.values: dict[str, QLabel] = {}
        columns = QHBoxLayout()
        columns.setSpacing(12)
        halves = (QVBoxLayout(), QVBoxLayout())
        for title, captions, half in SECTIONS:
            box = QGroupBox(title, self)
            form = QFormLayout(box)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setVerticalSpacing(6)
            for caption in captions:
                value = label(self, caption)
                self.values[caption] = value
                form.addRow(QLabel(f"{caption.replace('Email contact', 'Email')}:", box), value)
            halves[half].addWidget(box)
        for half in halves:
            half.addStretch(1)
            columns.addLayout(half, 1)
        inner = QWidget(self)
        inner_layout = QVBoxLayout(inner)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.edit_button)
        inner_layout.addLayout(top)
        inner_layout.addLayout(columns)
        self.scroll = QScrollArea(self)  # takes the focus, so the arrow keys scroll it
        self.scroll.setAccessibleName("Case overview")
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(inner)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.scroll)

    def focus_chain(self) -> list[QWidget]:
        return [self.edit_button, self.scroll]

    def show_case(self, case: Case) -> None:
        victim, safe, agreement = case.victim, case.safe_contact, case.agreement
        yes_no = describe.permission_on_screen
        values = {
            "Name": victim.full_name,
            "Preferred name": victim.preferred_name or "—",
            "Date of birth": _dob_words(case),
            "Address": ", ".join(p for p in (victim.address, victim.postcode) if p) or "—",
            "Phones": "\n".join(describe.phone_lines(victim.phones)) or "—",
            "Email": victim.email or "—",
            "Language": victim.language or "—",
            "Interpreter": (f"Needed ({victim.interpreter_language or victim.language})"
                            if victim.interpreter_needed else "Not needed"),
            "Communication needs": victim.communication_needs or "None recorded",
            "Voicemail": yes_no(safe.voicemail_ok, "Safe to leave", "NO voicemail"),
            "Texts": yes_no(safe.texts_ok, "Safe to text", "NO texts"),
            "Letters": yes_no(safe.letters_ok, "Safe to send", "NO letters"),
            "Email contact": yes_no(safe.email_ok, "Safe to email", "NO email"),
            "Safe times": describe.call_window_on_screen(safe),
            "Suspect": describe.suspect_on_screen(safe),
            "Safe-contact notes": safe.notes or "—",
            "Agreement": describe.agreement_words(case).removeprefix("Agreed contact: "),
            "Start": format_date(commitment_rules.agreement_start_day(case)),
            "Agreement notes": agreement.notes or "—",
            "Rights": rights_of(case).describe(),
            "Vulnerability": ", ".join(describe.vulnerability_words(case)) or "None recorded",
            "Persistently targeted": "Yes" if case.persistently_targeted else "No",
            "Offence": vocab.label(vocab.OFFENCE_CATEGORIES, case.offence_category),
            "Offence date": format_date(case.offence_date) or "Not known",
            "Crime reference": case.crime_reference or "—",
            "Opened": format_datetime(case.opened_at),
            "Victims' Code": case.code_version,
            "Case notes": case.notes or "—",
            **self._owed_words(case),
            "Closure": (f"Closed {format_datetime(case.closed_at)}: {case.closure_reason}. "
                        f"Retention review {format_date(case.retention_review_date)}"
                        if case.status == "closed" else "Open"),
        }
        for caption, value in self.values.items():
            value.setText(values[caption])

    def _owed_words(self, case: Case) -> dict[str, str]:
        """The earliest open commitment with its due date and time, and what else is open.
        From the commitments the case already holds: no query of its own."""
        at = clock.now()
        nearest = commitment_rules.due_next(case.commitments)
        due_label = self.values["Due next"]
        overdue = nearest is not None and nearest.status(at) == "overdue"
        style = _OVERDUE_STYLE if overdue else ""
        if due_label.styleSheet() != style:
            due_label.setStyleSheet(style)
        if nearest is None:
            return {"Due next": "Nothing is owed on this case.", "Still open": "None"}
        kind = describe.commitment_kind_words(nearest)
        due_next = (f"{nearest.reason} ({kind}): due {describe.due_at_words(nearest.due_at)}, "
                    f"{describe.due_in_words(nearest.due_at, '', at)}")
        still_open = describe.status_counts(
            (c for c in case.commitments if commitment_rules.is_open(c)), at,
            ("overdue", "due"))
        return {"Due next": due_next, "Still open": still_open}

    def clear(self) -> None:
        for value in self.values.values():
            value.setText("")


def _dob_words(case: Case) -> str:
    born = case.victim.date_of_birth
    if born is None:
        return "Not known"
    return f"{format_date(born)} (age {age_on(born, clock.today())})"
