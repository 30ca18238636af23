"""Is the store sound? The `verify` command asks here; the checks are the store's own
(victimcare.store.integrity), which a restore also runs on the incoming copy."""

from __future__ import annotations

from victimcare.store.integrity import store_problems

__all__ = ["store_problems"]
