"""The audit log's hash chain: each row's hash covers its fields and the row before's hash,
so a row removed, inserted or altered after it was written shows as a break."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from victimcare.domain.model import AuditEntry
from victimcare.domain.timeutil import to_storage


def entry_hash(entry: AuditEntry) -> str:
    # Unit separators keep field boundaries unambiguous whatever the text holds.
    canonical = "\x1f".join(
        [entry.prev_hash, to_storage(entry.at), entry.officer, entry.action,
         entry.case_reference, entry.detail]
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass
class ChainBreak:
    entry_id: int
    problem: str


def first_break(entries: Iterable[AuditEntry]) -> ChainBreak | None:
    """The first row whose hash or link does not match, or None when the chain is whole."""
    previous = ""
    for entry in entries:
        if entry.prev_hash != previous:
            return ChainBreak(entry.id or 0, "does not follow the row before it (a row was removed or changed)")
        if entry_hash(entry) != entry.hash:
            return ChainBreak(entry.id or 0, "has been altered since it was written")
        previous = entry.hash
    return None
