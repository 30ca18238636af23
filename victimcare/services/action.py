"""One user action on a case: every write in one transaction, and, if any write fails, the
case in memory put back exactly as it was.

The transaction alone keeps the store whole; the case the screen holds must agree with it
too. Services append to the case's lists and reload its commitments as they write, so a
failure after those steps would leave the screen showing (and the next Save acting on) what
the store never kept: a commitment shown waived that is still open, a second copy of an
event. A retry after a failure must write everything again, once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from victimcare.domain.model import Case
from victimcare.store.database import Database


@contextmanager
def case_action(db: Database, case: Case) -> Iterator[Case]:
    """Run the block's writes as one transaction (nested actions join the outer one); if it
    raises, restore the case's fields, lists and the records they hold as they were."""
    saved = _snapshot(case)
    try:
        with db.transaction():
            yield case
    except BaseException:
        _restore(saved)
        raise


class _SavedList:
    """A list field: the list object itself, and a copy of what it held."""

    def __init__(self, original: list[Any]) -> None:
        self.original, self.items = original, list(original)


_Saved = list[tuple[Any, dict[str, Any]]]


def _snapshot(case: Case) -> _Saved:
    saved: _Saved = []

    def keep(record: Any) -> None:
        saved.append((record, {
            name: _SavedList(value) if isinstance(value, list) else value
            for name, value in vars(record).items()
        }))

    for record in (case, case.victim, case.safe_contact, case.agreement, case.care_plan):
        keep(record)
    # Commitments, events, needs and the rest are replaced or appended, never changed in
    # place; a contact changes only by gaining an amendment. Keeping just that list keeps a
    # Save on a case with 600 entries well under a millisecond.
    for contact in case.contacts:
        saved.append((contact, {"amendments": _SavedList(contact.amendments)}))
    return saved


def _restore(saved: _Saved) -> None:
    for record, fields in saved:
        for name, value in fields.items():
            if isinstance(value, _SavedList):
                # The same list object, refilled: anything holding it sees it put back.
                value.original[:] = value.items
                value = value.original
            setattr(record, name, value)
