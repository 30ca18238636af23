"""Which contact-log entries are conversations and which are attempts.

One rule, asked by the contact log on screen, every printout and the commitment logic, so an
entry the paper calls a conversation is a conversation on screen and meets what a
conversation meets. Only a conversation (or a reply) meets an update commitment; an attempt
is logged and shown, but meets nothing.
"""

from __future__ import annotations

from datetime import date, datetime

from victimcare.domain.eligibility import age_on
from victimcare.domain.model import Case, Contact, ContactAmendment
from victimcare.domain.timeutil import london
from victimcare.domain.vocabulary import CONTACT_OUTCOMES, SUCCESSFUL_OUTCOMES, label

# Present alongside the victim (helping them understand and be understood), so the
# conversation is still with the victim.
_ALONGSIDE_THE_VICTIM = frozenset({"victim", "interpreter", "intermediary"})
PARENT_OR_GUARDIAN = "parent_guardian"

# The words every screen and printout puts after the outcome of an attempt.
ATTEMPT_MARK = "(attempt)"


def is_conversation(entry: Contact | ContactAmendment, case: Case) -> bool:
    """A real conversation, or a reply, that counts as telling the victim.

    It does when the outcome is a conversation or a reply, and it was with the victim, with
    someone helping the victim take part (an interpreter or intermediary), with the person
    the victim agreed updates go through, or with a parent or guardian of a victim who was
    under 18 on the day (the Code's services extend to a child victim's parent or guardian).
    `entry` is judged on its own fields: pass `contact.current` for the entry as it now
    reads, or the original or one amendment to judge that version.
    """
    if entry.outcome not in SUCCESSFUL_OUTCOMES:
        return False
    party = entry.with_whom
    if party in _ALONGSIDE_THE_VICTIM or party == case.agreement.through_whom:
        return True
    return party == PARENT_OR_GUARDIAN and _child_on(case.victim.date_of_birth,
                                                     entry.occurred_at)


def is_attempt(entry: Contact | ContactAmendment, case: Case) -> bool:
    return not is_conversation(entry, case)


def _child_on(born: date | None, moment: datetime) -> bool:
    """Under 18 on the (London) day of the contact. An unknown date of birth is not taken
    to mean a child: the parent then counts only as the person the victim agreed to."""
    return born is not None and age_on(born, london(moment).date()) < 18


def outcome_words(entry: Contact | ContactAmendment, case: Case) -> str:
    """The outcome as a person reads it, marked when the entry is an attempt: 'No answer
    (attempt)', and 'Spoke (attempt)' for a talk that does not count as telling the victim."""
    words = label(CONTACT_OUTCOMES, entry.outcome)
    return f"{words} {ATTEMPT_MARK}" if is_attempt(entry, case) else words
