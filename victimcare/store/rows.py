"""How a record of the case model becomes a table row and back: the one encoder and decoder.

Field conversion is driven by each dataclass's annotations, so a column and its field share
one name and one rule: datetimes go to UTC text, dates to ISO text, bools to 0/1 (a bool that
may be None keeps NULL for "not yet asked"), lists of words to JSON.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from victimcare.domain.timeutil import from_storage, to_storage
from victimcare.store.database import Database

T = TypeVar("T")

# Fields that live in other tables (child lists) or are computed, per record type.
_NOT_COLUMNS = {
    "phones", "vulnerability_flags", "amendments", "needs", "actions", "referrals",
    "victim", "safe_contact", "agreement", "events", "contacts", "care_plan", "commitments",
}


@functools.cache
def columns(cls: type) -> tuple[tuple[str, str], ...]:
    """(field name, annotation) of each column the record type has, `id` aside. Worked out
    once per type: the worklist builds thousands of records in one refresh."""
    return tuple((f.name, str(f.type)) for f in dataclasses.fields(cls)
                 if f.name not in _NOT_COLUMNS and f.name != "id")


@functools.cache
def _has_id(cls: type) -> bool:
    return any(f.name == "id" for f in dataclasses.fields(cls))


def encode(annotation: str, value: Any) -> Any:
    if value is None:
        return None
    if annotation.startswith("datetime"):
        return to_storage(value)
    if annotation.startswith("date"):
        return value.isoformat()
    if annotation.startswith("bool"):
        return 1 if value else 0
    if annotation.startswith("list[str]"):
        return json.dumps(list(value), ensure_ascii=False)
    return value


def _decoder(annotation: str) -> Callable[[Any], Any] | None:
    """How a stored value of this annotation is read back; None when it is stored as it is."""
    if annotation.startswith("datetime"):
        return from_storage
    if annotation.startswith("date"):
        return date.fromisoformat
    if annotation.startswith("bool"):
        return bool
    if annotation.startswith("list[str]"):
        return lambda text: list(json.loads(text))
    return None


def decode(annotation: str, value: Any) -> Any:
    if value is None:
        return None
    read = _decoder(annotation)
    return value if read is None else read(value)


def insert(db: Database, table: str, record: Any, **extra: Any) -> int:
    """Insert the record's columns (and `extra`, such as its case_id); return the new id."""
    values = {name: encode(kind, getattr(record, name)) for name, kind in columns(type(record))}
    values.update(extra)
    names = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    return db.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(values.values()))


def update(db: Database, table: str, record: Any, key: str, key_value: Any) -> None:
    """Write every column of the record to the row whose `key` is `key_value`."""
    values = {name: encode(kind, getattr(record, name)) for name, kind in columns(type(record))}
    assignments = ", ".join(f"{name} = ?" for name in values)
    db.execute(
        f"UPDATE {table} SET {assignments} WHERE {key} = ?", [*values.values(), key_value]
    )


@functools.cache
def _readers(cls: type) -> tuple[tuple[str, Callable[[Any], Any] | None], ...]:
    # Each column's decoder chosen once per type, not once per value: the worklist builds
    # thousands of records in one refresh.
    return tuple((name, _decoder(kind)) for name, kind in columns(cls))


def build(cls: type[T], row: Any, **children: Any) -> T:
    """The record a row holds. The row may carry other columns (a join): only the record's own
    are read, by name."""
    kwargs = {}
    for name, read in _readers(cls):
        value = row[name]
        kwargs[name] = value if read is None or value is None else read(value)
    if _has_id(cls) and "id" in row.keys():
        kwargs["id"] = row["id"]
    kwargs.update(children)
    return cls(**kwargs)
