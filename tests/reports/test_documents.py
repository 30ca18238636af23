"""The printed documents, read back with pypdf: marking, numbering, Unicode, literal text,
redaction, long logs, and the disclosure each print leaves in the audit log."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import unicodedata
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from tests.factories import rich_case
from victimcare.domain.code_rules import load_rules
from victimcare.domain.compliance import ComplianceFigures, ComplianceReport
from victimcare.domain.model import (
    Case,
    CaseEvent,
    Contact,
    ContactAgreement,
    Phone,
    SafeContactRules,
    Victim,
)
from victimcare.domain.timeutil import LONDON
from victimcare.domain.validation import ValidationError
from victimcare.domain.worklist import WorkItem
from victimcare.reports import (
    VictimContact,
    compliance_document,
    contact_log,
    contact_summary,
    worklist_document,
)
from victimcare.reports.fonts import register_fonts
from victimcare.reports.layout import MARKING, REDACTION_NOTICE
from victimcare.reports.styles import CELL, CELL_BOLD, TextLines, para, text_lines
from victimcare.services import cases
from victimcare.services.printing import DOCUMENT_KINDS, build_document
from victimcare.store import audit_log, records

OFFICER = "PC Test Officer (T1001)"
NOW = datetime(2026, 7, 1, 9, 30, tzinfo=UTC)   # 10:30 in London (BST)
PRODUCED = "Produced 01/07/2026 10:30 by PC Test Officer (T1001)"
ARABIC = "حداد"
TRICKY = 'Said <b>not bold</b> & "quoted" <img src="/etc/passwd"> done'


# -- helpers -------------------------------------------------------------------------------
def pages_of(pdf: bytes) -> list[str]:
    assert pdf.startswith(b"%PDF-")
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    """Text with line wrapping undone, for phrases that may wrap inside a table cell."""
    return " ".join(text.split())


def placed_text(page) -> list[tuple[str, float]]:
    """Every piece of text on a page with its height on the page (points from the bottom)."""
    found: list[tuple[str, float]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text.strip(), y))

    page.extract_text(visitor_text=visit)
    return found


def case_with_contacts(count: int, reference: str = "VC-2026-0100") -> Case:
    """A rich case whose log holds `count` entries, alternating conversations and attempts."""
    case = rich_case(reference)
    start = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
    outcomes = ("spoke", "no_answer", "voicemail_left", "message_sent")
    case.contacts = [
        Contact(start + timedelta(hours=5 * i), "phone", "to_victim", "victim",
                outcomes[i % 4], ["investigation_update"] if i % 4 == 0 else [],
                f"Entry {i}: went over the investigation and what happens next.",
                recorded_at=start + timedelta(hours=5 * i, minutes=5))
        for i in range(count)
    ]
    return case


def unicode_case() -> Case:
    case = rich_case("VC-2026-0077")
    case.victim = replace(case.victim, given_names="Aoife", family_name="Ó Briain",
                          preferred_name="")
    case.contacts[0].narrative = f"Spoke with ISVA Nguyễn; neighbour Mr {ARABIC} present."
    case.contacts[1].narrative = TRICKY
    case.care_plan.notes = "Line one\nLine two <b>&</b> J&C"
    return case


def rules():
    return load_rules("victims-code-2020")


def all_documents(redact: bool = False) -> dict[str, bytes]:
    case = rich_case()
    docs = {
        "summary": contact_summary(case, rules(), OFFICER, NOW, redact),
        "log": contact_log(case, OFFICER, NOW, redact),
    }
    if not redact:
        docs["worklist"] = worklist_document(_work_items(case), {1: VictimContact.of(case)},
                                             OFFICER, NOW)
        docs["compliance"] = compliance_document(_compliance(), OFFICER, NOW)
    return docs


def _work_items(case: Case) -> list[WorkItem]:
    def item(bucket: str, hours: int, n: int) -> WorkItem:
        return WorkItem(
            commitment_id=n, case_id=1, case_reference=case.reference,
            victim_name=case.victim.display_name, kind="statutory",
            reason="Inform the victim: suspect charged", due_at=NOW + timedelta(hours=hours),
            bucket=bucket, safe_contact=case.safe_contact, agreed_method="phone")
    return [item("overdue", -30, 1), item("today", 5, 2), item("week", 80, 3)]


def _compliance() -> ComplianceReport:
    figures = ComplianceFigures
    return ComplianceReport(
        date(2026, 4, 1), date(2026, 6, 30), figures(7, 4, 2, 1, 0),
        {"VC-2026-0001": figures(4, 3, 1, 0, 0), "VC-2026-0002": figures(3, 1, 1, 1, 0)})


# -- every page of every document ------------------------------------------------------------
@pytest.mark.parametrize("redact", [False, True])
def test_every_page_is_marked_top_and_bottom_numbered_and_says_who_produced_it(redact):
    long_log = case_with_contacts(120)
    documents = all_documents(redact)
    documents["long log"] = contact_log(long_log, OFFICER, NOW, redact)
    documents["long summary"] = contact_summary(long_log, rules(), OFFICER, NOW, redact)
    for name, pdf in documents.items():
        reader = PdfReader(io.BytesIO(pdf))
        total = len(reader.pages)
        if name.startswith("long"):
            assert total > 3, name
        for number, page in enumerate(reader.pages, start=1):
            height = float(page.mediabox.height)
            marks = [y for text, y in placed_text(page) if text == MARKING]
            assert any(y > height * 0.93 for y in marks), (name, number, "no marking at top")
            assert any(y < height * 0.07 for y in marks), (name, number, "no marking at bottom")
            text = page.extract_text()
            assert f"Page {number} of {total}" in text, (name, number)
            assert PRODUCED in text, (name, number)
            assert (REDACTION_NOTICE in text) == redact, (name, number)


def test_case_documents_carry_the_case_reference_on_every_page():
    case = case_with_contacts(150, reference="VC-2026-0555")
    for pdf in (contact_log(case, OFFICER, NOW), contact_summary(case, rules(), OFFICER, NOW)):
        pages = pages_of(pdf)
        assert len(pages) > 3
        for text in pages:
            assert "Case VC-2026-0555" in text


def test_times_are_shown_in_london_time():
    case = rich_case()
    text = flat("\n".join(pages_of(contact_log(case, OFFICER, NOW))))
    assert "01/07/2026 10:30" in text          # produced, BST
    assert "17/02/2026 17:00" in text          # a contact at 17:00 UTC in winter (GMT)


# -- text as typed ---------------------------------------------------------------------------
def test_unicode_names_print_intact_in_an_embedded_font():
    case = unicode_case()
    for pdf in (contact_summary(case, rules(), OFFICER, NOW), contact_log(case, OFFICER, NOW)):
        text = unicodedata.normalize("NFC", "\n".join(pages_of(pdf)))
        assert "Ó Briain" in text
        assert "Nguyễn" in text
        # ReportLab prints Arabic unshaped: the letters are there, order and joining are not
        # guaranteed without the bidi/shaping extras.
        assert set(ARABIC) <= set(text)
        fonts = _fonts(pdf)
        assert fonts and all("DejaVuSans" in f for f in fonts), fonts
        assert any(f.endswith("DejaVuSans-Bold") for f in fonts)   # <b> really is bold


def test_factory_names_print_intact():
    text = unicodedata.normalize("NFC", "\n".join(
        pages_of(contact_summary(rich_case(), rules(), OFFICER, NOW))))
    assert "Wójcik" in text
    assert "Nguyễn Thị Mai" in text


def test_every_document_uses_only_the_embedded_font():
    for name, pdf in all_documents().items():
        fonts = _fonts(pdf)
        assert fonts and all(f.startswith("DejaVuSans") for f in fonts), (name, fonts)


def _fonts(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return names


def test_typed_markup_prints_literally_and_is_never_interpreted():
    case = unicode_case()
    for pdf in (contact_summary(case, rules(), OFFICER, NOW), contact_log(case, OFFICER, NOW)):
        text = flat("\n".join(pages_of(pdf)))
        assert flat(TRICKY) in text
        assert "&amp;" not in text and "&lt;" not in text and "J&C;" not in text
        # <img src=...> was not followed: no image of any kind in the file.
        assert b"/Subtype /Image" not in pdf
    summary = flat("\n".join(pages_of(contact_summary(case, rules(), OFFICER, NOW))))
    assert "Line one Line two <b>&</b> J&C" in summary     # care-plan notes, newline kept


def test_an_entry_taller_than_a_page_splits_rather_than_failing():
    case = rich_case()
    case.contacts[0].narrative = "\n".join(f"Line {i} of a very long note." for i in range(400))
    case.safe_contact.notes = "Long safe-contact note. " * 300
    for pdf in (contact_summary(case, rules(), OFFICER, NOW), contact_log(case, OFFICER, NOW)):
        text = "\n".join(pages_of(pdf))
        assert "Line 0 of a very long note." in text
        assert "Line 399 of a very long note." in text
    items = _work_items(case)
    items[0] = replace(items[0], reason="A promise that goes on and on. " * 600)
    pages = pages_of(worklist_document(items, {1: VictimContact.of(case)}, OFFICER, NOW))
    assert len(pages) > 3


# -- redaction -------------------------------------------------------------------------------
ADDRESS_EMAIL_BIRTH = ("17 Laburnum Grove", "NW3 9QZ", "zofia.w@example.org", "03/07/2001")
PHONES = ("07700 900461", "020 7946 0321")


def test_redacted_summary_leaves_out_address_phones_email_and_date_of_birth():
    case = rich_case()
    full = flat("\n".join(pages_of(contact_summary(case, rules(), OFFICER, NOW))))
    redacted = flat("\n".join(pages_of(contact_summary(case, rules(), OFFICER, NOW, True))))
    for value in ADDRESS_EMAIL_BIRTH + PHONES:
        assert value in full, value
        assert value not in redacted, value
    assert "Removed from this copy" in redacted
    assert "Zofia Anna Wójcik" in unicodedata.normalize("NFC", redacted)


def test_redacted_log_leaves_out_phones_and_never_prints_the_address():
    case = rich_case()
    full = flat("\n".join(pages_of(contact_log(case, OFFICER, NOW))))
    redacted = flat("\n".join(pages_of(contact_log(case, OFFICER, NOW, True))))
    for value in PHONES:
        assert value in full, value
        assert value not in redacted, value
    for value in ADDRESS_EMAIL_BIRTH:
        assert value not in full and value not in redacted, value
    assert "Disclosed the abuse to her GP first" in redacted   # the log itself is all there


# -- long logs -------------------------------------------------------------------------------
def test_long_log_repeats_its_header_row_on_every_page():
    pages = pages_of(contact_log(case_with_contacts(300), OFFICER, NOW))
    table_pages, handwritten = pages[:-1], pages[-1]
    assert len(table_pages) > 10
    header = re.compile(r"Date\s+Time\s+Method\s+With whom\s+Outcome\s+Covered\s+Narrative")
    for number, text in enumerate(table_pages, start=1):
        assert header.search(text), number
    assert "Entry 299:" in table_pages[-1]
    assert re.search(r"Date\s+Time\s+Method\s+Outcome\s+Notes\s+Initials", handwritten)


def test_attempts_are_marked_apart_from_conversations():
    text = flat("\n".join(pages_of(contact_log(case_with_contacts(8), OFFICER, NOW))))
    assert "No answer (attempt)" in text
    assert "Voicemail left (attempt)" in text
    assert "Spoke (attempt)" not in text


def test_amendments_print_under_the_original_with_reason_and_time():
    text = flat("\n".join(pages_of(contact_summary(rich_case(), rules(), OFFICER, NOW))))
    original = text.index("Original entry, as first written")
    amendment = text.index("AMENDMENT 1 to the entry of 17/02/2026 17:00")
    assert original < amendment
    assert "made 18/02/2026 09:00" in text
    assert "Reason: Wrong time recorded" in text
    assert "Corrected narrative" in text


def test_summary_shows_safe_contact_rights_care_plan_and_commitments():
    text = flat("\n".join(pages_of(contact_summary(rich_case(), rules(), OFFICER, NOW))))
    assert "Voicemail NOT SAFE" in text
    assert "Letters to the address NOT SAFE – not yet asked" in text
    assert "10:00 to 16:00" in text
    assert "LIVES NEAR the victim" in text
    assert "Never mention police on voicemail" in text
    assert "Enhanced rights (officer's decision: Supervisor decision 12/03)" in text
    assert "PAUSED – In hospital until March" in text
    assert "Given (17/02/2026)" in text           # referral consent
    assert "Waived" in text and "OVERDUE" in text  # commitments in words


# -- the service -----------------------------------------------------------------------------
def _disclosures(db):
    return [e for e in audit_log.audit_entries(db) if e.action == "disclosure"]


def test_build_document_prints_a_2000_entry_log_and_records_the_disclosure(db):
    records.insert_case(db, case_with_contacts(2000, reference="VC-2026-2000"))
    pdf = build_document(db, "log", case_reference="VC-2026-2000", redact=True, now=NOW)
    pages = pages_of(pdf)
    assert len(pages) > 100
    assert "Entry 1999:" in "\n".join(pages[-3:])
    [entry] = _disclosures(db)
    assert entry.case_reference == "VC-2026-2000"
    assert entry.detail == "printed log (redacted)"
    assert entry.officer == OFFICER


def test_build_document_summary_and_worklist_and_compliance(db):
    victim = Victim("Aoife", "Ó Briain", phones=[Phone("07700 900112", "mobile")])
    opened = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
    case = cases.new_case(db, victim, "sexual_offence", now=opened,
                          safe_contact=SafeContactRules(voicemail_ok=True, texts_ok=False),
                          agreement=ContactAgreement(frequency_days=14))
    cases.record_event(db, case, CaseEvent("arrested", datetime(2026, 6, 22, 15, 0,
                                                                tzinfo=LONDON)))
    cases.record_event(db, case, CaseEvent("bailed", datetime(2026, 6, 25, 18, 0,
                                                              tzinfo=LONDON)))
    cases.record_event(db, case, CaseEvent("charged", datetime(2026, 6, 30, 15, 0,
                                                               tzinfo=LONDON)))
    cases.log_contact(db, case, Contact(datetime(2026, 6, 24, 10, 0, tzinfo=LONDON), "phone",
                                        "to_victim", "victim", "spoke",
                                        ["investigation_update"], "Told of the arrest."))
    summary = flat("\n".join(pages_of(build_document(db, "summary", now=NOW,
                                                     case_reference=case.reference))))
    assert "Told of the arrest." in summary and "MET LATE" in summary

    worklist = flat(unicodedata.normalize("NFC", "\n".join(
        pages_of(build_document(db, "worklist", now=NOW)))))
    assert "Overdue (1)" in worklist and "Due today (1)" in worklist
    assert "Due this week (1)" in worklist
    assert "Aoife Ó Briain" in worklist
    assert "07700 900112 (mobile)" in worklist
    assert "Texts (SMS) NOT SAFE" in worklist
    assert "Letters to the address NOT SAFE – not yet asked" in worklist

    compliance = flat("\n".join(pages_of(build_document(
        db, "compliance", start=date(2026, 6, 1), end=date(2026, 6, 30), now=NOW))))
    assert case.reference in compliance
    assert "On-time rate" in compliance

    details = [(e.case_reference, e.detail) for e in _disclosures(db)]
    assert details == [(case.reference, "printed summary"), ("", "printed worklist"),
                       ("", "printed compliance")]


@pytest.mark.parametrize(("kind", "options", "field"), [
    ("summary", {}, "case"),
    ("log", {"case_reference": "  "}, "case"),
    ("summary", {"case_reference": "VC-1999-9999"}, "case"),
    ("compliance", {}, "start"),
    ("compliance", {"start": date(2026, 6, 1)}, "end"),
    ("compliance", {"start": date(2026, 6, 30), "end": date(2026, 6, 1)}, "end"),
    ("worklist", {"redact": True}, "redact"),
    ("worklist", {"case_reference": "VC-2026-0042"}, "case"),
    ("letter", {}, "kind"),
])
def test_build_document_refuses_plainly_and_logs_nothing(db, kind, options, field):
    records.insert_case(db, rich_case())
    with pytest.raises(ValidationError) as caught:
        build_document(db, kind, now=NOW, **options)
    [problem] = caught.value.problems
    assert problem.field == field
    assert problem.message.endswith(".") and "Traceback" not in problem.message
    assert _disclosures(db) == []


def test_document_kinds_are_the_four_documents():
    assert DOCUMENT_KINDS == ("summary", "log", "worklist", "compliance")


def test_empty_worklist_and_compliance_say_so():
    worklist = flat("\n".join(pages_of(worklist_document([], {}, OFFICER, NOW))))
    assert "Nothing is overdue, due today or due in the next 7 days." in worklist
    empty = ComplianceReport(date(2026, 1, 1), date(2026, 1, 31),
                                         ComplianceFigures())
    compliance = flat("\n".join(pages_of(compliance_document(empty, OFFICER, NOW))))
    assert "No Victims' Code updates fell due in this period." in compliance


def test_a_case_with_nothing_recorded_yet_prints():
    case = Case("VC-2026-0001", "burglary", "victims-code-2020", Victim("Sam"))
    summary = flat("\n".join(pages_of(contact_summary(case, rules(), OFFICER, NOW))))
    assert "Standard rights" in summary
    assert "No contact logged yet." in summary and "No events recorded." in summary
    assert "Voicemail NOT SAFE – not yet asked" in summary
    log = flat("\n".join(pages_of(contact_log(case, OFFICER, NOW))))
    assert "No contact logged yet." in log and "Entries written by hand" in log


# -- the cheap cells a long log is made of ----------------------------------------------------
def test_text_lines_wrap_at_spaces_and_hand_a_word_too_long_to_a_paragraph():
    register_fonts()
    fits = text_lines(54, "Phone", ("small", "To the victim"))
    assert isinstance(fits, TextLines)
    assert fits.wrap(46, 800)[1] == 2 * CELL.leading
    long = text_lines(54, "Video call through an interpreter service", ("small", "To the victim"))
    assert isinstance(long, TextLines)
    assert all(stringWidth(text, font, size) <= 46 for text, font, size, _ in long.lines)
    assert " ".join(text for text, *_ in long.lines) == \
        "Video call through an interpreter service To the victim"
    # Typed line breaks are kept, runs of spaces fold as in a Paragraph, markup is text.
    typed = text_lines(300, "one  two\n\nthree <b>", style=CELL)
    assert [text for text, *_ in typed.lines] == ["one two", "", "three <b>"]
    # A word wider than the column: a Paragraph, which splits words.
    assert isinstance(text_lines(54, "Supercalifragilisticexpialidocious"), Paragraph)
    assert isinstance(text_lines(64, "Spoke", style=CELL_BOLD), TextLines)


def test_soft_hyphens_and_no_break_spaces_print_as_a_paragraph_prints_them():
    register_fonts()
    # Pasted from a word processor: the soft hyphen shows only where a line breaks, and the
    # no-break space never becomes a line break.
    assert isinstance(text_lines(300, "Full co\u00adoperation"), Paragraph)
    assert isinstance(text_lines(300, "at 10\u00a0am"), Paragraph)
    case = case_with_contacts(2)
    case.contacts[0].narrative = "Full co\u00adoperation agreed at 10\u00a0am today"
    text = flat("\n".join(pages_of(contact_log(case, OFFICER, NOW))))
    assert "cooperation" in text and "co-operation" not in text


def test_text_lines_split_between_lines_for_an_entry_taller_than_a_page():
    register_fonts()
    block = text_lines(200, "\n".join(f"line {n}" for n in range(10)))
    first, rest = block.split(200, 3.5 * CELL.leading)
    assert [t for t, *_ in first.lines] == ["line 0", "line 1", "line 2"]
    assert len(rest.lines) == 7
    assert block.split(200, CELL.leading / 2) == []


def test_text_lines_print_as_text_in_the_embedded_font():
    pdf = contact_log(case_with_contacts(8), OFFICER, NOW)
    text = flat("\n".join(pages_of(pdf)))
    assert "Phone To the victim" in text
    assert "Voicemail left (attempt)" in text


def test_a_cell_paragraph_wraps_again_only_at_a_new_width(monkeypatch):
    register_fonts()
    breaks = []
    original = Paragraph.breakLines
    monkeypatch.setattr(Paragraph, "breakLines",
                        lambda self, *args, **kw: breaks.append(1) or original(self, *args, **kw))
    cell = para("words " * 40)
    wide = cell.wrap(400, 800)
    assert cell.wrap(400, 10) == wide   # asked again (a table does, to draw): no new breaking
    assert len(breaks) == 1
    narrow = cell.wrap(100, 800)
    assert narrow[1] > wide[1] and len(breaks) == 2


def test_reports_never_import_qt():
    code = ("import sys, victimcare.reports, victimcare.services.printing; "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]; "
            "sys.exit(1 if bad else 0)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
