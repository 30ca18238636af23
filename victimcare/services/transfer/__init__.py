"""Export and import of whole cases as one JSON document ("victimcare-export", version 1).

Export answers the right of access (Data Protection Act 2018 s.45) and moves cases between
stores: every field of every record, and no internal database id. Records inside a case point
at each other by local keys given in order (events E1, E2, ...; contacts C1, ...; needs N1, ...),
so a file means the same whichever store it came from or goes to. docs/export-format.md is the
specification.

Import is all-or-nothing: the whole document is read and checked first, each problem named by
its JSON path, and only then are the cases written, in one transaction.

The package: fields.py (the format's tables, shared by both directions), export.py,
reading.py (strict JSON, value by value), document.py (a whole document checked and turned
into the case model) and importing.py (writing it, commitments replayed).
"""

from victimcare.services.transfer.export import export_data, export_to_file
from victimcare.services.transfer.fields import FORMAT_NAME, FORMAT_VERSION
from victimcare.services.transfer.importing import import_data, import_from_file, parse_export
from victimcare.services.transfer.reading import ImportRejected

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "ImportRejected",
    "export_data",
    "export_to_file",
    "import_data",
    "import_from_file",
    "parse_export",
]
