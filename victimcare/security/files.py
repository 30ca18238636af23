"""Writing files the user asked for (exports, saved PDFs): owner-only, never over another file."""

from __future__ import annotations

import os
from pathlib import Path


class FileExistsRefused(FileExistsError):
    pass


def write_new_private_file(path: str | os.PathLike[str], data: bytes) -> None:
    """Create `path` readable by the owner only and write `data`, refusing an existing file.

    O_EXCL makes the refusal atomic; fsync so a saved export or PDF is really on disk.
    A failed write removes the partial file rather than leave half a document behind.
    """
    path = Path(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise FileExistsRefused(f"{path} already exists; refusing to overwrite it.") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
