"""A run of the demo: many fictional cases, numbered and stored in chunked transactions,
with their commitments and one s.62 audit row for the whole run."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime

from victimcare.domain.code_rules import load_rules
from victimcare.domain.commitment_rules import replay
from victimcare.domain.timeutil import LONDON
from victimcare.services import audit
from victimcare.services.cases import CURRENT_CODE_VERSION
from victimcare.services.demo.case_builder import build_case
from victimcare.services.demo.moments import opening_time
from victimcare.services.demo.names import REQUIRED_VICTIMS
from victimcare.services.demo.promises import draw_promises
from victimcare.services.demo.story import CaseStory
from victimcare.store import demo_data, records
from victimcare.store.database import Database
from victimcare.store.officers import officers as officers_of

CASES_PER_TRANSACTION = 500


def generate_demo(db: Database, case_count: int, seed: int, today: date | None = None,
                  progress: Callable[[int, int], None] | None = None) -> list[str]:
    """Add case_count realistic fictional cases; returns their references. Same seed and same
    `today` give exactly the same data."""
    if case_count <= 0:
        return []
    if today is None:
        today = datetime.now(LONDON).date()
    rng = random.Random(seed)
    officers = officers_of(db)
    officer_id = officers[0].id if officers else None
    last_number = demo_data.highest_reference_numbers(db)

    # Cases are generated oldest first, so references run in the order cases were opened.
    openings = sorted(opening_time(rng, today) for _ in range(case_count))
    required = dict(zip(rng.sample(range(case_count), min(case_count, len(REQUIRED_VICTIMS))),
                        REQUIRED_VICTIMS, strict=False))

    # Several hundred cases per transaction: one commit per case would be far slower, and a
    # single transaction for thousands of cases would grow the WAL file without limit.
    references: list[str] = []
    done = 0
    rules = load_rules(CURRENT_CODE_VERSION)
    try:
        while done < case_count:
            chunk_end = min(case_count, done + CASES_PER_TRANSACTION)
            with db.transaction():
                chunk: list[str] = []
                for index in range(done, chunk_end):
                    opened_at = openings[index]
                    year = opened_at.astimezone(LONDON).year
                    last_number[year] = last_number.get(year, 0) + 1
                    reference = f"VC-{year}-{last_number[year]:04d}"
                    story = CaseStory(rng, today, officer_id, required.get(index))
                    case = build_case(story, reference, opened_at)
                    records.insert_case(db, case)
                    # Commitments point at events and contacts, so they follow the insert:
                    # statutory and agreed ones derived by the Code rules exactly as the
                    # importer derives them, promises from the story of the case.
                    for commitment in [*replay(case, rules), *draw_promises(story, case)]:
                        records.add_commitment(db, case.id, commitment)
                        case.commitments.append(commitment)
                    chunk.append(reference)
                    if progress is not None and (index + 1) % 50 == 0 and index + 1 < case_count:
                        progress(index + 1, case_count)
                if chunk_end == case_count:
                    audit.record(db, "collection", "",
                                 f"{case_count} fictional demo cases generated")
            references.extend(chunk)
            done = chunk_end
    except BaseException:
        # Earlier chunks are committed: the s.62 log must still say what was collected.
        if references:
            audit.record(db, "collection", "", f"{len(references)} fictional demo cases "
                         f"generated (stopped early at {len(references)} of {case_count})")
        raise
    if progress is not None:
        progress(case_count, case_count)
    return references
