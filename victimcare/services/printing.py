"""Printing: load what a document needs, build it in memory, and log the disclosure.

Printing personal data is disclosure under the Data Protection Act 2018 s.62, so every
document built here leaves a row in the audit log. The PDF comes back as bytes; what happens
to it (a viewer, a printer, a file the user chose) is the caller's business.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path

from victimcare.domain.model import AuditEntry, Case
from victimcare.domain.timeutil import utc_now
from victimcare.domain.validation import Problem, ValidationError
from victimcare.private_files import write_new_private_file
from victimcare.reports.audit_document import audit_document
from victimcare.reports.case_documents import contact_log, contact_summary
from victimcare.reports.compliance_document import compliance_document
from victimcare.reports.worklist_document import VictimContact, worklist_document
from victimcare.services import audit, commitments
from victimcare.store import records
from victimcare.store.database import Database

DOCUMENT_KINDS = ("summary", "log", "worklist", "compliance")
CASE_KINDS = ("summary", "log")


def _refuse(field: str, message: str) -> None:
    raise ValidationError([Problem(field, message)])


def _check(kind: str, case_reference: str | None, redact: bool,
           start: date | None, end: date | None) -> None:
    if kind not in DOCUMENT_KINDS:
        _refuse("kind", f"'{kind}' is not a document victimcare prints: choose one of "
                        f"{', '.join(DOCUMENT_KINDS)}.")
    if kind in CASE_KINDS:
        if not (case_reference or "").strip():
            _refuse("case", f"Say which case to print the {_name(kind)} for.")
    elif case_reference:
        _refuse("case", f"The {_name(kind)} covers every case: leave out the case.")
    if redact and kind not in CASE_KINDS:
        _refuse("redact", "A redacted copy can be printed of a case summary or contact log "
                          "only.")
    if kind == "compliance":
        if start is None or end is None:
            _refuse("start" if start is None else "end",
                    "The compliance report needs the first and last day of the period.")
        if end < start:
            _refuse("end", "The end of the period is before its start.")
    elif start is not None or end is not None:
        _refuse("start", "A period applies to the compliance report only.")


def _name(kind: str) -> str:
    return {"summary": "case contact summary", "log": "contact log", "worklist": "worklist",
            "compliance": "compliance report"}.get(kind, kind)


def _load(db: Database, reference: str) -> Case:
    case_id = records.case_id_for_reference(db, reference.strip())
    if case_id is None:
        _refuse("case", f"No case has the reference '{reference.strip()}'.")
    return records.load_case(db, case_id)


@dataclass
class PreparedDocument:
    """A document with its data loaded; `build` turns it into PDF bytes and touches no
    database, so a caller may run it on another thread."""

    kind: str
    case_reference: str        # '' for documents about every case
    redact: bool
    build: Callable[[], bytes]

    @property
    def disclosure(self) -> str:
        """What the audit row says was printed (never a name)."""
        return f"printed {self.kind}" + (" (redacted)" if self.redact else "")


def prepare_document(db: Database, kind: str, *, case_reference: str | None = None,
                     redact: bool = False, start: date | None = None, end: date | None = None,
                     now: datetime | None = None) -> PreparedDocument:
    """Check the request and load what the document needs. Raises ValidationError with a
    plain message when the request cannot be met. Nothing is logged yet."""
    _check(kind, case_reference, redact, start, end)
    now = now or utc_now()
    officer = audit.current_officer_label(db)
    if kind in CASE_KINDS:
        case = _load(db, (case_reference or "").strip())
        if kind == "summary":
            build = partial(contact_summary, case, commitments.rules_for(case), officer, now,
                            redact)
        else:
            build = partial(contact_log, case, officer, now, redact)
        return PreparedDocument(kind, case.reference, redact, build)
    if kind == "worklist":
        items = commitments.worklist(db, now)
        contacts = {case_id: VictimContact.of(records.load_case(db, case_id))
                    for case_id in dict.fromkeys(item.case_id for item in items)}
        return PreparedDocument(kind, "", False,
                                partial(worklist_document, items, contacts, officer, now))
    report = commitments.compliance(db, start, end)
    return PreparedDocument(kind, "", False, partial(compliance_document, report, officer, now))


def record_disclosure(db: Database, document: PreparedDocument, how: str = "") -> None:
    audit.record(db, "disclosure", document.case_reference,
                 document.disclosure + (f", {how}" if how else ""))


def save_pdf(db: Database, pdf: bytes, path: str | os.PathLike[str], case_reference: str,
             detail: str) -> None:
    """Write a built document to a new owner-only file the officer chose, and log the
    disclosure: the audit row exists exactly when the file does. A failed write rolls the
    row back; a failed commit removes the file."""
    written = False
    try:
        with db.transaction():
            audit.record(db, "disclosure", case_reference, detail)
            write_new_private_file(path, pdf)
            written = True
    except BaseException:
        if written:
            Path(path).unlink(missing_ok=True)
        raise


def build_document(db: Database, kind: str, *, case_reference: str | None = None,
                   redact: bool = False, start: date | None = None, end: date | None = None,
                   now: datetime | None = None) -> bytes:
    """Build one printed document as PDF bytes and record the disclosure.

    kind is one of DOCUMENT_KINDS; summary and log need case_reference (and may be
    redacted); compliance needs start and end (inclusive days). Raises ValidationError with
    a plain message when the request cannot be met; nothing is logged then.
    """
    document = prepare_document(db, kind, case_reference=case_reference, redact=redact,
                                start=start, end=end, now=now)
    pdf = document.build()
    record_disclosure(db, document)
    return pdf


def prepare_audit_log(db: Database, entries: Sequence[AuditEntry], scope: str,
                      now: datetime | None = None) -> PreparedDocument:
    """The audit rows the officer filtered to, in the order given, as a printed log. `scope`
    says which rows (it is printed under the title, and never holds a name)."""
    officer = audit.current_officer_label(db)
    build = partial(audit_document, list(entries), officer, now or utc_now(), scope)
    return PreparedDocument("audit log", "", False, build)
