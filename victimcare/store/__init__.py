"""The only code that opens, keys, migrates and queries the encrypted database."""

from victimcare.store.database import (
    DamagedDatabaseError,
    Database,
    DatabaseExistsError,
    DatabaseMissingError,
    NewerSchemaError,
    StorageFailure,
    StoreError,
    UnlockError,
)
from victimcare.store.opening import create_database, open_database

__all__ = [
    "Database",
    "DamagedDatabaseError",
    "DatabaseExistsError",
    "DatabaseMissingError",
    "NewerSchemaError",
    "StorageFailure",
    "StoreError",
    "UnlockError",
    "create_database",
    "open_database",
]
