"""Printed documents, built in memory with ReportLab and returned as PDF bytes.

Nothing here imports Qt, touches the database or writes a file: the service layer
(victimcare.services.printing) loads the records, and the caller decides where the bytes go.
"""

from victimcare.reports.case_documents import contact_log, contact_summary
from victimcare.reports.compliance_document import compliance_document
from victimcare.reports.worklist_document import VictimContact, worklist_document

__all__ = [
    "VictimContact",
    "compliance_document",
    "contact_log",
    "contact_summary",
    "worklist_document",
]
