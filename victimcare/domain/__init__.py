"""Plain-Python domain: records, vocabularies and rules. No Qt, no database."""
