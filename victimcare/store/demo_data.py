"""Queries only the demo generator needs.

It numbers thousands of new cases in one run, so it reads every year's highest reference
number once instead of asking `records.next_case_reference` for each case.
"""

from __future__ import annotations

from victimcare.store.database import Database


def highest_reference_numbers(db: Database) -> dict[int, int]:
    """The highest VC-YYYY-NNNN number used in each year, compared as numbers (not text, where
    VC-2026-10000 would sort before VC-2026-9999)."""
    highest: dict[int, int] = {}
    for row in db.all("SELECT reference FROM cases WHERE reference LIKE 'VC-%'"):
        parts = row[0].split("-")
        if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
            year, number = int(parts[1]), int(parts[2])
            highest[year] = max(highest.get(year, 0), number)
    return highest
