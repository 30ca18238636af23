"""The words the screens and the paper share (domain.describe)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from tests.factories import rich_case
from victimcare.domain import describe
from victimcare.domain.model import CareNeed, Commitment, Contact, Phone, SafeContactRules

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def _commitment(due_day: int, *, met_day: int | None = None, waived: bool = False,
                kind: str = "promise") -> Commitment:
    due = datetime(2026, 3, due_day, 17, 0, tzinfo=UTC)
    met = datetime(2026, 3, met_day, 9, 0, tzinfo=UTC) if met_day else None
    return Commitment(kind, "Ring back", due, met_at=met,
                      waived_at=datetime(2026, 3, 9, 9, 0, tzinfo=UTC) if waived else None,
                      waived_reason="Victim asked" if waived else "")


@pytest.mark.parametrize(("status", "screen", "paper"), [
    ("due", "Due", "Due"),
    ("overdue", "Overdue", "OVERDUE"),
    ("met", "Met", "Met on time"),
    ("met_late", "Met late", "MET LATE"),
    ("waived", "Waived", "Waived"),
])
def test_a_status_reads_the_same_on_screen_and_paper_but_paper_shouts_what_needs_acting_on(
        status, screen, paper):
    assert describe.status_words(status) == screen
    assert describe.printed_status_words(status) == paper


def test_status_counts_follow_the_order_asked_for_and_say_nothing_when_nothing_is_owed():
    owed = [_commitment(1), _commitment(2), _commitment(20), _commitment(3, met_day=5),
            _commitment(4, waived=True)]
    assert [c.status(NOW) for c in owed] == ["overdue", "overdue", "due", "met_late", "waived"]
    assert describe.status_counts(owed, NOW) == "1 due, 2 overdue, 1 met late, 1 waived"
    assert describe.status_counts(owed, NOW, ("overdue", "due")) == "2 overdue, 1 due"
    assert describe.status_counts([], NOW) == ""


def test_met_and_waived_say_when_and_how():
    met = _commitment(20, met_day=5)
    assert describe.met_words(met) == "Met 05/03/2026 09:00"
    by = Contact(datetime(2026, 3, 5, 9, 0, tzinfo=UTC), "sms", "to_victim", "victim",
                 "replied", [], "")
    assert describe.met_words(met, by) == "Met 05/03/2026 09:00 by text message (victim replied)"
    assert describe.waived_words(_commitment(4, waived=True)) == \
        "Waived 09/03/2026 09:00: Victim asked"
    assert describe.waived_words(replace(_commitment(4, waived=True), waived_reason="")) == \
        "Waived 09/03/2026 09:00: no reason"


def test_phone_lines_show_the_label_only_when_there_is_one():
    assert describe.phone_lines([Phone("07700 900461", "mobile"), Phone("020 7946 0321")]) == [
        "07700 900461 (mobile)", "020 7946 0321"]


def test_vulnerability_puts_under_18_first_and_never_as_a_typed_flag():
    case = rich_case()
    assert describe.vulnerability_words(case) == [
        "Fear or distress about testifying", "Mental disorder"]
    child = replace(case, victim=replace(case.victim, date_of_birth=date(2010, 1, 1)))
    assert describe.vulnerability_words(child)[0] == describe.UNDER_18_AT_OFFENCE


def test_needs_go_in_the_order_of_the_areas_then_as_added():
    needs = [CareNeed("housing", "low", id=1), CareNeed("mystery", "low", id=2),
             CareNeed("safety", "high", id=4), CareNeed("housing", "high", id=3)]
    assert [(n.area, n.id) for n in describe.needs_in_order(needs)] == [
        ("safety", 4), ("housing", 1), ("housing", 3), ("mystery", 2)]


def test_the_agreement_and_who_updates_go_through():
    case = rich_case()
    agreement = replace(case.agreement, frequency_days=14, method="phone",
                        through_whom="isva", through_name="Sam Okoro",
                        opted_out=False, paused=False)
    sentence = describe.agreement_words(replace(case, agreement=agreement))
    assert sentence == "Agreed contact: every 14 days, by phone, through ISVA (Sam Okoro)."
    assert describe.through_the("isva", "Sam Okoro") == "the ISVA (Sam Okoro)"
    assert describe.through_the("parent_guardian", "") == "the parent or guardian"
    assert describe.named_party("parent_guardian", "Ana") == "Parent or guardian (Ana)"
    to_victim = replace(agreement, through_whom="victim", through_name="", frequency_days=None)
    assert describe.agreement_words(replace(case, agreement=to_victim)) == (
        "Agreed contact: no agreed frequency, by phone, through the victim.")
    paused = replace(agreement, paused=True, waiver_reason="in hospital")
    assert describe.agreement_words(replace(case, agreement=paused)) == (
        "Agreed contact: paused (in hospital).")
    assert describe.every_days(agreement, "Not agreed") == "Every 14 days"
    assert describe.every_days(to_victim, "Not agreed") == "Not agreed"


def test_a_permission_never_asked_is_not_safe_on_screen_and_on_paper():
    assert describe.permission_on_screen(None, "Safe to leave", "NO voicemail") == \
        describe.NOT_ASKED_ON_SCREEN
    assert describe.permission_on_screen(False, "Safe to leave", "NO voicemail") == "NO voicemail"
    assert describe.printed_permission(None) == "NOT SAFE – not yet asked"
    assert describe.printed_permission(True) == "OK"
    rules = SafeContactRules(call_from="10:00", call_until="16:00", suspect_lives_near=True)
    assert describe.call_window_on_screen(rules) == "10:00-16:00 only"
    assert describe.printed_call_window(rules) == "10:00 to 16:00"
    assert describe.printed_call_window(SafeContactRules()).startswith("Not recorded")
    assert describe.suspect_on_screen(rules) == "Lives nearby"
    assert describe.printed_suspect(replace(rules, suspect_lives_with=True)) == \
        "LIVES WITH the victim"


def test_days_overdue_counts_london_days():
    # 23:30 UTC on the 9th is 23:30 in London (GMT): one day before noon on the 10th.
    assert describe.days_overdue(datetime(2026, 3, 9, 23, 30, tzinfo=UTC), NOW) == 1
    assert describe.days_overdue(datetime(2026, 3, 10, 8, 0, tzinfo=UTC), NOW) == 0
    assert describe.due_in_words(datetime(2026, 3, 10, 8, 0, tzinfo=UTC), "overdue", NOW) == \
        "overdue since 08:00"


def test_covered_items_and_the_interpreter_in_words():
    entry = Contact(NOW, "phone", "to_victim", "victim", "spoke",
                    ["needs_assessed", "investigation_update"], "")
    assert describe.covered_words(entry) == "Needs assessed, Investigation update"
    assert describe.covered_words(replace(entry, covered=[])) == ""
    victim = rich_case().victim
    assert describe.interpreter_language(victim) == "Polish"
    assert describe.interpreter_language(replace(victim, interpreter_language="")) == \
        "language not recorded"
    assert describe.interpreter_language(replace(victim, interpreter_needed=False)) == ""
