"""A child process for the kill test: logs contacts in a loop, printing each id once saved.

Run as `python -m tests.reliability.writer DB PASSPHRASE`. Uses the tests' cheap key
derivation, which the parent uses too when reopening.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta

from victimcare.domain.model import CaseEvent, Contact
from victimcare.services import cases
from victimcare.store import open_database, records
from victimcare.store.opening import use_test_kdf

KDF_ITERATIONS = 64


def main() -> None:
    use_test_kdf(KDF_ITERATIONS)
    db = open_database(sys.argv[1], sys.argv[2])
    case = records.load_case(db, records.all_case_ids(db)[0])
    print("ready", flush=True)
    moment = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    n = 0
    while True:
        n += 1
        moment += timedelta(minutes=1)
        if n % 7 == 0:
            cases.record_event(db, case, CaseEvent("bail_varied", moment, f"variation {n}"))
        contact = cases.log_contact(db, case, Contact(
            moment, "phone", "to_victim", "victim", "spoke" if n % 3 else "no_answer",
            ["investigation_update"], f"Call number {n} " + "x" * (n % 400)))
        # Printed only after log_contact returned: the save is committed.
        print(contact.id, flush=True)


if __name__ == "__main__":
    main()
