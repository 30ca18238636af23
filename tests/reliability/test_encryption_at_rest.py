"""End to end: after a whole working session no file anywhere holds a plaintext record."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.conftest import TEST_PASSPHRASE
from victimcare import config
from victimcare.domain.model import CaseEvent, Contact, ContactAmendment, Officer
from victimcare.security.backup import change_passphrase, make_backup
from victimcare.services import cases, printing, setup
from victimcare.services.demo import generate_demo
from victimcare.store import open_database, records

NEW_PASSPHRASE = "lantern orbit quietly marmalade"


def _secrets(db) -> set[str]:
    """Every name, phone number, address, email and note the session used."""
    found: set[str] = set()
    for case_id in records.all_case_ids(db):
        case = records.load_case(db, case_id)
        victim = case.victim
        found.update(s for s in (victim.given_names, victim.family_name, victim.address,
                                 victim.email, victim.postcode) if len(s) >= 5)
        found.update(p.number for p in victim.phones)
        found.update(c.narrative for c in case.contacts if len(c.narrative) >= 12)
        found.update(e.notes for e in case.events if len(e.notes) >= 12)
    return found


def _written_files(*roots: Path) -> list[Path]:
    return [Path(folder) / name for root in roots for folder, _, names in os.walk(root)
            for name in names]


def test_a_whole_session_leaves_nothing_in_plaintext(private_home, tmp_path):
    data_dir = config.data_dir()
    path = config.default_database_path()
    assert str(path).startswith(str(private_home))
    db = setup.create_store(path, TEST_PASSPHRASE, Officer("PC Session", "S100", "Team S"))
    generate_demo(db, 25, seed=11)
    case = records.load_case(db, records.all_case_ids(db)[0])
    when = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    cases.record_event(db, case, CaseEvent("charged", when, "Charged at Wood Green, remanded"))
    logged = cases.log_contact(db, case, Contact(
        when + timedelta(minutes=30), "phone", "to_victim", "victim", "spoke",
        ["investigation_update"], "Told Marisol Quetzalcoatl about the charge at 14 Juniper Mews"))
    cases.amend_contact(db, case, logged, ContactAmendment(
        "Wrong house number", logged.occurred_at, "phone", "to_victim", "victim", "spoke",
        ["investigation_update"], "Told Marisol Quetzalcoatl about the charge at 16 Juniper Mews"))
    for kind in ("summary", "log"):
        assert printing.build_document(db, kind, case_reference=case.reference).startswith(b"%PDF")
    assert printing.build_document(db, "worklist").startswith(b"%PDF")
    backups = tmp_path / "backups"
    backups.mkdir()
    make_backup(db, backups / "monday.vcb", TEST_PASSPHRASE)
    secrets = _secrets(db) | {"Marisol Quetzalcoatl", "Juniper Mews"}
    db.close()  # lock
    change_passphrase(path, TEST_PASSPHRASE, NEW_PASSPHRASE)
    db = open_database(path, NEW_PASSPHRASE)  # unlock
    assert records.load_case(db, case.id).contacts[-1].current.narrative.endswith("16 Juniper Mews")
    db.close()

    files = _written_files(private_home, tmp_path)
    assert path in files and backups / "monday.vcb" in files
    assert len(secrets) > 100
    encoded = [(s, s.encode("utf-8")) for s in secrets]
    for file in files:
        data = file.read_bytes()
        assert not data.startswith(b"SQLite format 3"), file
        leaks = [s for s, raw in encoded if raw in data]
        assert not leaks, (file, leaks[:3])
        for s in secrets:  # nor in the file's name
            assert s not in file.name
    assert data_dir.exists()
