"""Private files: the database and its copies, and the files the user asked for (exports, saved
PDFs), are owner-only, and a file the user asked for never goes over another file.

Owner-only means mode 0600 on Linux and macOS. Windows has no such mode bits: a new file takes
the access list of its folder, and the folders victimcare uses by default (the database under
%LOCALAPPDATA%) are the signed-in user's own, readable by that user, administrators and the
system only. A file the officer saves elsewhere (a shared drive, a USB stick) gets that folder's
permissions, which is why every export and PDF warns that it is not encrypted.
"""

from __future__ import annotations

import os
from pathlib import Path

# Windows opens a descriptor in text mode unless told otherwise, and would turn every \n byte
# of a PDF into \r\n; O_BINARY exists only there.
BINARY = getattr(os, "O_BINARY", 0)


class FileExistsRefused(FileExistsError):
    pass


def make_owner_only(path: str | os.PathLike[str]) -> None:
    """Readable and writable by the owner only (0600). On Windows the folder's inherited
    access list applies instead (see above); chmod there would only clear read-only."""
    if os.name != "nt":
        os.chmod(path, 0o600)


def write_new_private_file(path: str | os.PathLike[str], data: bytes) -> None:
    """Create `path` readable by the owner only and write `data`, refusing an existing file.

    O_EXCL makes the refusal atomic; fsync so a saved export or PDF is really on disk.
    A failed write removes the partial file rather than leave half a document behind.
    """
    path = Path(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | BINARY, 0o600)
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
