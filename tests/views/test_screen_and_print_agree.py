"""Screen and paper agree: every outcome with every party, for an adult, a child and a victim
who asked for updates through a parent, reads as a conversation or an attempt alike in the
contact log on screen, in both printed documents (read back with pypdf) and in the
commitment logic."""

from __future__ import annotations

import io
import itertools
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from tests.factories import rich_case
from victimcare.domain import commitment_rules
from victimcare.domain import vocabulary as vocab
from victimcare.domain.code_rules import load_rules
from victimcare.domain.model import Case, Contact, ContactAmendment
from victimcare.reports import contact_log, contact_summary
from victimcare.views.contact_log_model import ContactLogModel

NOW = datetime(2026, 7, 1, 9, 30, tzinfo=UTC)
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
COMBINATIONS = list(itertools.product(vocab.CONTACT_OUTCOMES, vocab.CONTACT_PARTIES))
RESULT, OUTCOME, NARRATIVE = 1, 4, 6


def _case(born: date, through: str) -> Case:
    """One entry for every outcome x party, then one amended entry per party whose original
    and amendment differ: the original 'spoke', the amendment 'no answer' (and back)."""
    case = rich_case()
    case.victim.date_of_birth = born
    case.agreement.through_whom = through
    case.contacts = []
    number = 0
    for outcome, party in COMBINATIONS:
        case.contacts.append(Contact(START + timedelta(hours=number), "phone", "to_victim",
                                     party, outcome, [], f"Entry {number:02d} end",
                                     id=number + 1))
        number += 1
    for party, (first, then) in itertools.product(
            vocab.CONTACT_PARTIES, (("spoke", "no_answer"), ("no_answer", "spoke"))):
        moment = START + timedelta(hours=number)
        contact = Contact(moment, "phone", "to_victim", party, first, [],
                          f"Entry {number:02d} end", id=number + 1)
        contact.amendments.append(ContactAmendment(
            "Outcome mistyped", moment, "phone", "to_victim", party, then, [],
            f"Entry {number:02d} amended end", amended_at=moment + timedelta(days=1)))
        case.contacts.append(contact)
        number += 1
    return case


CASES = {
    "adult, updates to the victim": lambda: _case(date(1990, 5, 1), "victim"),
    "child at every contact": lambda: _case(date(2012, 5, 1), "victim"),
    "adult who asked for updates through a parent": lambda: _case(date(1990, 5, 1),
                                                                  "parent_guardian"),
}


def _screen(case: Case) -> dict[str, tuple[bool, str]]:
    """Each version of each entry (by its narrative marker): shown as an attempt? and the
    Result column of the entry's own row."""
    model = ContactLogModel()
    model.set_case(case)
    seen: dict[str, tuple[bool, str]] = {}
    for row in range(model.rowCount()):
        top = model.index(row, 0)
        versions = [(model.index(row, RESULT), model.index(row, OUTCOME),
                     model.index(row, NARRATIVE))]
        versions += [(model.index(child, RESULT, top), model.index(child, OUTCOME, top),
                      model.index(child, NARRATIVE, top)) for child in range(model.rowCount(top))]
        for result, outcome, narrative in versions:
            attempt = "(attempt)" in outcome.data()
            # Grey text goes with the word, as the grey row goes with it on paper.
            greyed = outcome.data(Qt.ItemDataRole.ForegroundRole) is not None
            assert greyed == attempt, narrative.data()
            marker = narrative.data()
            # An amended entry's latest version shows twice: as the entry, and as the last
            # row under it. Both must say the same.
            assert seen.get(marker, (attempt,))[0] == attempt, marker
            seen.setdefault(marker, (attempt, result.data()))
    return seen


def _paper(pdf: bytes) -> dict[str, bool]:
    """Each version of each entry on paper: is its row marked '(attempt)'? The text of a row
    runs from the end of the row above to its own narrative's marker."""
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = text[text.index("Narrative"):]  # after the key, which names the mark itself
    found: dict[str, bool] = {}
    start = 0
    for marker in re.finditer(r"Entry \d\d(?: amended)? end", text):
        found[marker.group()] = "(attempt)" in text[start:marker.start()]
        start = marker.end()
    return found


@pytest.mark.parametrize("which", list(CASES))
def test_screen_paper_and_commitments_call_the_same_entries_conversations(which):
    case = CASES[which]()
    screen = _screen(case)
    log_pdf = _paper(contact_log(case, "PC Test (T1)", NOW))
    summary_pdf = _paper(contact_summary(case, load_rules(case.code_version), "PC Test (T1)",
                                         NOW))
    expected_markers = {c.narrative for c in case.contacts} | {
        a.narrative for c in case.contacts for a in c.amendments}
    assert set(screen) == set(log_pdf) == set(summary_pdf) == expected_markers
    for marker, (attempt, _result) in screen.items():
        assert log_pdf[marker] == attempt, (which, marker)
        assert summary_pdf[marker] == attempt, (which, marker)
    for contact in case.contacts:
        attempt_now, result = screen[contact.current.narrative]
        # The entry's own row says what it is as it now reads, and that is what the
        # commitment logic goes by.
        assert result.startswith("Attempt") == attempt_now, contact.current.narrative
        assert commitment_rules.is_successful(contact, case) == (not attempt_now)
    # The rule is not a constant: both kinds are there, and the parent's 'spoke' turns with
    # the facts.
    assert any(a for a, _ in screen.values()) and not all(a for a, _ in screen.values())
    parent_spoke = next(c for c in case.contacts
                        if (c.outcome, c.with_whom) == ("spoke", "parent_guardian")
                        and not c.amendments)
    adult_not_through_parent = which == "adult, updates to the victim"
    assert screen[parent_spoke.narrative][0] == adult_not_through_parent
    isva_spoke = next(c for c in case.contacts
                      if (c.outcome, c.with_whom) == ("spoke", "isva") and not c.amendments)
    assert screen[isva_spoke.narrative][0]  # an ISVA not asked for speaks for no one here
