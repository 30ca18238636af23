"""The audit fingerprint printed on paper: N:HEX, read back and checked against the log."""

from __future__ import annotations

import pytest

from victimcare.domain.audit_chain import Fingerprint
from victimcare.services import audit


def test_fingerprint_names_the_newest_row_and_reads_back(db):
    audit.record(db, "consultation", "VC-2026-0001", "opened the case")
    newest = audit.entries(db)[-1]
    printed = audit.fingerprint(db)
    assert printed.label == f"Audit fingerprint: {newest.id}:{newest.hash[:16]}"
    assert Fingerprint.parse(printed.label) == printed
    assert Fingerprint.parse(str(printed).upper()) == printed
    assert audit.fingerprint_problem(db, printed) is None
    audit.record(db, "consultation", "VC-2026-0001", "printed")
    assert audit.fingerprint_problem(db, printed) is None  # later rows do not matter


def test_a_fingerprint_of_a_missing_or_different_row_is_a_problem(db):
    audit.record(db, "consultation", "", "one")
    newest = audit.fingerprint(db)
    assert "missing" in audit.fingerprint_problem(db, Fingerprint(newest.entry_id + 5,
                                                                   newest.hash_prefix))
    wrong = Fingerprint(newest.entry_id, "0" * 16)
    assert "rewritten" in audit.fingerprint_problem(db, wrong)


@pytest.mark.parametrize("text", ["", "12", "x:0123456789abcdef", "0:0123456789abcdef",
                                  "12:0123", "12:0123456789abcdeg"])
def test_malformed_fingerprints_are_refused_with_a_reason(text):
    with pytest.raises(ValueError):
        Fingerprint.parse(text)
