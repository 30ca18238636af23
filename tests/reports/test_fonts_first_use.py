"""A document whose cells are made before anything else registers the fonts still builds."""

from __future__ import annotations

import subprocess
import sys


def test_audit_log_pdf_as_the_first_document_of_a_fresh_process():
    # A fresh interpreter: in this one another test has long since registered the fonts.
    script = (
        "from datetime import UTC, datetime\n"
        "from victimcare.domain.model import AuditEntry\n"
        "from victimcare.reports.audit_document import audit_document\n"
        "entry = AuditEntry(at=datetime(2026, 12, 2, 9, 0, tzinfo=UTC), officer='PC Test',\n"
        "    action='consultation', case_reference='VC-2026-0001', detail='opened the case')\n"
        "pdf = audit_document([entry], 'PC Test (T1)', datetime(2026, 12, 2, 9, 5, tzinfo=UTC),\n"
        "    'all')\n"
        "assert pdf.startswith(b'%PDF'), pdf[:8]\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"
