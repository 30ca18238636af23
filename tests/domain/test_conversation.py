"""The one rule for 'conversation or attempt': who counts, and when a parent or guardian does."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.factories import rich_case
from victimcare.domain import vocabulary as vocab
from victimcare.domain.commitment_rules import is_successful
from victimcare.domain.conversation import ATTEMPT_MARK, is_conversation, outcome_words
from victimcare.domain.model import Contact, ContactAmendment


def _case(born: date | None = date(1990, 5, 1), through: str = "victim"):
    case = rich_case()
    case.victim.date_of_birth = born
    case.agreement.through_whom = through
    return case


def _entry(with_whom: str, outcome: str = "spoke",
           at: datetime = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)) -> Contact:
    return Contact(at, "phone", "to_victim", with_whom, outcome, [], "")


@pytest.mark.parametrize("outcome", sorted(vocab.CONTACT_OUTCOMES))
def test_only_a_conversation_or_a_reply_can_count(outcome):
    counts = is_conversation(_entry("victim", outcome), _case())
    assert counts == (outcome in ("spoke", "replied"))
    words = outcome_words(_entry("victim", outcome), _case())
    assert words.endswith(ATTEMPT_MARK) == (not counts)


def test_the_victim_and_those_helping_them_count_others_only_when_nominated():
    adult = _case()
    assert is_conversation(_entry("victim"), adult)
    assert is_conversation(_entry("interpreter"), adult)
    assert is_conversation(_entry("intermediary"), adult)
    assert not is_conversation(_entry("isva"), adult)
    assert not is_conversation(_entry("parent_guardian"), adult)
    assert outcome_words(_entry("parent_guardian"), adult) == "Spoke (attempt)"
    assert is_conversation(_entry("isva"), _case(through="isva"))
    assert is_conversation(_entry("parent_guardian"), _case(through="parent_guardian"))


def test_a_parent_or_guardian_counts_while_the_victim_is_under_18_on_the_day():
    # 18th birthday on 11/03/2026: the day before, the parent still speaks for a child.
    case = _case(born=date(2008, 3, 11))
    day_before = datetime(2026, 3, 10, 23, 30, tzinfo=UTC)  # 23:30 GMT, still the 10th
    birthday = datetime(2026, 3, 11, 0, 30, tzinfo=UTC)
    assert is_conversation(_entry("parent_guardian", at=day_before), case)
    assert not is_conversation(_entry("parent_guardian", at=birthday), case)
    # London days, not UTC ones: 23:30 UTC on 10/07 is already the 11th in BST.
    summer = _case(born=date(2008, 7, 11))
    assert not is_conversation(
        _entry("parent_guardian", at=datetime(2026, 7, 10, 23, 30, tzinfo=UTC)), summer)
    # An unknown date of birth is not taken for a child.
    assert not is_conversation(_entry("parent_guardian"), _case(born=None))
    # An attempt with a parent is an attempt whatever the age.
    assert not is_conversation(_entry("parent_guardian", "no_answer"), case)


def test_the_commitment_rule_is_the_same_rule_on_the_entry_as_it_now_reads():
    case = _case()
    contact = _entry("victim")
    contact.amendments.append(ContactAmendment(
        "It was the mother", contact.occurred_at, "phone", "to_victim", "parent_guardian",
        "spoke"))
    assert is_conversation(contact, case)           # the original, on its own fields
    assert not is_conversation(contact.current, case)
    assert not is_successful(contact, case)
