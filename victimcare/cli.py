"""The `victimcare` command line, sharing the services with the desktop app.

Exit codes: 0 success; 1 `verify` found a problem; 2 bad usage or bad input, or refused
(`restore`, `passwd` and `import` while the app has the store open); 3 wrong passphrase or
not a victimcare database; 4 an unexpected internal error. Messages are one or
two plain lines on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from victimcare import __version__, config
from victimcare.store.database import StoreError

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_BAD_INPUT = 2
EXIT_LOCKED = 3
EXIT_INTERNAL = 4


class CommandError(Exception):
    def __init__(self, message: str, code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.code = code


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse prints usage and exits 2: keep that
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"victimcare: {message}\n")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="victimcare",
        description="Offline, encrypted case and contact keeping for victim liaison officers.",
        epilog="The passphrase is read from the first line of standard input when it is not a "
        "terminal, and asked for without echo when it is.",
    )
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    def with_db(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        # SUPPRESS, so `victimcare --db X verify` and `victimcare verify --db X` both work.
        sub.add_argument("--db", type=Path, default=argparse.SUPPRESS,
                         help=f"the database file (default: {config.default_database_path()})")
        return sub

    with_db(commands.add_parser("gui", help="open the desktop app (the default)"))
    init = with_db(commands.add_parser("init", help="create a new, empty encrypted database"))
    init.add_argument("--officer", default=None, help="your name, as it should appear on records")
    init.add_argument("--staff-number", default="", help="your staff number")
    init.add_argument("--team", default="", help="your team")
    demo = with_db(commands.add_parser("demo", help="create a new database of fictional cases"))
    demo.add_argument("--cases", type=int, default=40, help="how many cases (default 40)")
    demo.add_argument("--seed", type=int, default=1, help="the same seed gives the same data")
    with_db(commands.add_parser("verify", help="check integrity: exit 0 when sound, 1 when not"))
    export = with_db(commands.add_parser("export", help="write all that is held to a JSON file"))
    export.add_argument("--case", dest="case_reference", default=None, help="one case only")
    export.add_argument("--out", type=Path, required=True, help="the JSON file to write")
    importer = with_db(commands.add_parser("import", help="add the cases from an export file"))
    importer.add_argument("file", type=Path, help="a victimcare export (JSON)")
    with_db(commands.add_parser("passwd", help="change the passphrase (old, then new)"))
    backup = with_db(commands.add_parser("backup", help="write an encrypted backup copy"))
    backup.add_argument("--out", type=Path, required=True, help="the backup file to create")
    backup.add_argument("--separate-passphrase", action="store_true",
                        help="key the backup with its own passphrase (read after the store's)")
    restore = with_db(commands.add_parser(
        "restore", help="replace the database with a backup, after checking the backup"))
    restore.add_argument("--from", dest="source", type=Path, required=True,
                         help="the backup file")
    printer = with_db(commands.add_parser("print", help="write a printable document as a PDF"))
    printer.add_argument("kind", choices=["summary", "log", "worklist", "compliance"])
    printer.add_argument("--case", dest="case_reference", default=None,
                         help="the case (for summary and log)")
    printer.add_argument("--redact", action="store_true",
                         help="leave out address, phones, email and date of birth")
    printer.add_argument("--from", dest="start", type=_date_argument, default=None,
                         help="first day of the period (compliance), dd/mm/yyyy")
    printer.add_argument("--to", dest="end", type=_date_argument, default=None,
                         help="last day of the period (compliance), dd/mm/yyyy")
    printer.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    parser.add_argument("--db", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--version", action="version", version=f"victimcare {__version__}")
    return parser


def _date_argument(text: str):
    from victimcare.domain.timeutil import parse_uk_date

    try:
        day = parse_uk_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if day.year < 1900:
        raise argparse.ArgumentTypeError(f"'{text}' is before 1900: check the year")
    return day


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None) -> int:
    args = _build_parser().parse_args(argv)
    stdin = stdin if stdin is not None else sys.stdin
    config.harden_process()
    command = args.command or "gui"
    try:
        if command == "gui":
            from victimcare import app

            return app.run(db_path=args.db)
        handler = _HANDLERS[command]
        return handler(args, stdin)
    except CommandError as exc:
        return _fail(str(exc), exc.code)
    except StoreError as exc:
        # The disk refused a write, or the file changed under us: say so plainly.
        return _fail(str(exc), EXIT_PROBLEM)
    except OSError as exc:
        # A file the user named could not be read or written (missing folder, full disk).
        where = f"{exc.filename}: " if exc.filename else ""
        return _fail(f"{where}{exc.strerror or 'input/output error'}.", EXIT_BAD_INPUT)
    except KeyboardInterrupt:
        return _fail("stopped; nothing more was changed.", EXIT_BAD_INPUT)
    except Exception as exc:  # noqa: BLE001 - the user gets a line, never a traceback
        # The message could quote personal data, so only the type is shown.
        return _fail(f"unexpected error ({type(exc).__name__}); nothing more was changed.",
                     EXIT_INTERNAL)


def _fail(message: str, code: int) -> int:
    print(f"victimcare: {message}", file=sys.stderr)
    return code


# -- passphrases ------------------------------------------------------------------------------
def _read_passphrase(stdin: TextIO, prompt: str = "Passphrase: ", *, new: bool = False) -> str:
    """From a terminal without echo; otherwise the first line of standard input."""
    from victimcare.security.passphrase import PassphraseRejected, check_new_passphrase

    if stdin.isatty():
        passphrase = getpass.getpass(prompt)
        repeated = getpass.getpass("Type it again: ") if new else None
    else:
        line = stdin.readline()
        passphrase = line[:-1] if line.endswith("\n") else line
        passphrase = passphrase[:-1] if passphrase.endswith("\r") else passphrase
        repeated = None
    if not passphrase:
        raise CommandError("no passphrase given (type it, or pipe it as the first line of input).")
    try:
        passphrase.encode("utf-8")
    except UnicodeEncodeError:
        raise CommandError("the passphrase is not valid text (UTF-8).") from None
    if new:
        try:
            check_new_passphrase(passphrase, repeated)
        except PassphraseRejected as exc:
            raise CommandError(f"passphrase refused: {exc}") from None
    return passphrase


def _db_path(args: argparse.Namespace) -> Path:
    return args.db if args.db is not None else config.default_database_path()


def _require_store(path: Path) -> None:
    if not path.exists():
        raise CommandError(f"{path}: no such database (create one with 'victimcare init').")


def _open(args: argparse.Namespace, stdin: TextIO):
    return _open_with_passphrase(args, stdin)[0]


def _open_with_passphrase(args: argparse.Namespace, stdin: TextIO):
    from victimcare.store import DatabaseMissingError, StorageFailure, StoreError, open_database

    path = _db_path(args)
    _require_store(path)
    passphrase = _read_passphrase(stdin)
    try:
        return open_database(path, passphrase), passphrase
    except DatabaseMissingError as exc:
        raise CommandError(str(exc)) from None
    except StorageFailure as exc:
        raise CommandError(f"{path}: {exc}", EXIT_PROBLEM) from exc
    except StoreError as exc:
        raise CommandError(f"{path}: {exc}", EXIT_LOCKED) from exc


@contextmanager
def _app_closed(path: Path) -> Iterator[None]:
    """Hold the app's own one-instance lock for the whole command, or refuse at once.

    `restore`, `passwd` and `import` change the file under an open app: its connection (and
    its key) would go on writing to the old store, or the next save would undo the restore.
    Held, the lock also stops the app from opening until the command is done.
    """
    from victimcare.security.instance import AlreadyRunning, InstanceLock

    lock = InstanceLock(path)
    try:
        lock.acquire()
    except AlreadyRunning:
        raise CommandError(f"victimcare is open on this database: close it first ({path}). "
                           "Nothing was changed.", EXIT_BAD_INPUT) from None
    try:
        yield
    finally:
        lock.release()


def _refuse_existing(path: Path) -> None:
    if path.exists():
        raise CommandError(f"{path} already exists; refusing to overwrite it.")


# -- commands -------------------------------------------------------------------------------
def _init(args: argparse.Namespace, stdin: TextIO) -> int:
    from victimcare.domain.model import Officer
    from victimcare.services.setup import create_store

    path = _db_path(args)
    _refuse_existing(path)
    officer = args.officer if args.officer is not None else getpass.getuser()
    if not officer.strip():
        raise CommandError("--officer: your name is required.")
    passphrase = _read_passphrase(stdin, "New passphrase: ", new=True)
    create_store(path, passphrase, Officer(officer, args.staff_number, args.team)).close()
    print(f"Created an empty encrypted database at {path}.")
    return EXIT_OK


def _demo(args: argparse.Namespace, stdin: TextIO) -> int:
    from victimcare.domain.model import Officer
    from victimcare.services.demo import generate_demo
    from victimcare.services.setup import create_store

    path = _db_path(args)
    _refuse_existing(path)
    if not 1 <= args.cases <= 100_000:
        raise CommandError("--cases: give a number from 1 to 100000.")
    passphrase = _read_passphrase(stdin, "New passphrase: ", new=True)
    db = create_store(path, passphrase, Officer("Demo Officer", "D0001", "Demo team"))
    try:
        generate_demo(db, args.cases, args.seed)
    except BaseException:
        db.close()
        # A half-made demo file holds only fictional data; remove it so a retry can start clean.
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    db.close()
    print(f"Created {args.cases} fictional cases in {path}.")
    return EXIT_OK


def _verify(args: argparse.Namespace, stdin: TextIO) -> int:
    from victimcare.services.integrity import store_problems
    from victimcare.store import DamagedDatabaseError

    try:
        db = _open(args, stdin)
    except CommandError as exc:
        # For verify, a file that opens with the right passphrase but cannot be read is
        # the problem it was asked to find.
        if isinstance(exc.__cause__, DamagedDatabaseError):
            raise CommandError(str(exc), EXIT_PROBLEM) from None
        raise
    try:
        problems = store_problems(db)
    finally:
        db.close()
    if problems:
        for problem in problems[:20]:
            print(f"victimcare: {problem}", file=sys.stderr)
        return EXIT_PROBLEM
    print(f"{_db_path(args)}: sound.")
    return EXIT_OK


def _export(args: argparse.Namespace, stdin: TextIO) -> int:
    from victimcare.services.transfer import export_to_file
    from victimcare.store import records

    _refuse_existing(args.out)
    db = _open(args, stdin)
    try:
        if args.case_reference and records.case_id_for_reference(db, args.case_reference) is None:
            raise CommandError(f"--case: there is no case {args.case_reference}.")
        count = export_to_file(db, args.out, args.case_reference)
    finally:
        db.close()
    print(f"Exported {count} case(s) to {args.out}.")
    print("victimcare: note that this file is NOT encrypted; keep it safe and delete it when done.",
          file=sys.stderr)
    return EXIT_OK


def _import(args: argparse.Namespace, stdin: TextIO) -> int:
    from victimcare.services.transfer import ImportRejected, import_from_file

    if not args.file.is_file():
        raise CommandError(f"{args.file}: no such file.")
    _require_store(_db_path(args))
    with _app_closed(_db_path(args)):
        db = _open(args, stdin)
        try:
            references = import_from_file(db, args.file)
        except ImportRejected as exc:
            raise CommandError(f"{exc} Nothing was imported.") from None
        finally:
            db.close()
    print(f"Imported {len(references)} case(s).")
    return EXIT_OK


def _print(args: argparse.Namespace, stdin: TextIO) -> int:
    from victimcare.domain.validation import ValidationError
    from victimcare.services.printing import prepare_document, save_pdf

    _refuse_existing(args.out)
    db = _open(args, stdin)
    try:
        document = prepare_document(db, args.kind, case_reference=args.case_reference,
                                    redact=args.redact, start=args.start, end=args.end)
        # The file and its disclosure row together, or neither.
        save_pdf(db, document.build(), args.out, document.case_reference, document.disclosure)
    except ValidationError as exc:
        raise CommandError("; ".join(p.message for p in exc.problems)) from None
    except OSError as exc:
        raise CommandError(f"{args.out}: could not be written ({exc.strerror or exc}).") from None
    finally:
        db.close()
    print(f"Wrote {args.out}.")
    print("victimcare: note that this PDF is NOT encrypted; keep it safe and delete it when done.",
          file=sys.stderr)
    return EXIT_OK


def _passwd(args: argparse.Namespace, stdin: TextIO) -> int:
    from victimcare.security.backup import change_passphrase
    from victimcare.store import StorageFailure, StoreError

    path = _db_path(args)
    if not path.exists():
        raise CommandError(f"{path}: no such database.")
    with _app_closed(path):
        old = _read_passphrase(stdin, "Current passphrase: ")
        new = _read_passphrase(stdin, "New passphrase: ", new=True)
        try:
            change_passphrase(path, old, new)
        except StorageFailure as exc:
            raise CommandError(f"{path}: {exc}", EXIT_PROBLEM) from None
        except StoreError as exc:
            raise CommandError(f"{path}: {exc}", EXIT_LOCKED) from None
    print("Passphrase changed. The old passphrase no longer opens the database.")
    return EXIT_OK


def _backup(args: argparse.Namespace, stdin: TextIO) -> int:
    from victimcare.security.backup import BackupError, make_backup
    from victimcare.services import audit

    _refuse_existing(args.out)
    db, passphrase = _open_with_passphrase(args, stdin)
    try:
        if args.separate_passphrase:
            passphrase = _read_passphrase(stdin, "Backup passphrase: ", new=True)
        make_backup(db, args.out, passphrase)
        audit.record(db, "disclosure", "", "encrypted backup made")
    except BackupError as exc:
        raise CommandError(str(exc)) from None
    finally:
        db.close()
    print(f"Encrypted backup written to {args.out}.")
    return EXIT_OK


def _restore(args: argparse.Namespace, stdin: TextIO) -> int:
    from victimcare.security.backup import BackupError, restore_backup
    from victimcare.store import StorageFailure, StoreError, UnlockError

    path = _db_path(args)
    if not args.source.is_file():
        raise CommandError(f"{args.source}: no such backup.")
    with _app_closed(path):
        passphrase = _read_passphrase(stdin, "Backup passphrase: ")
        try:
            restore_backup(args.source, passphrase, path)
        except UnlockError as exc:
            raise CommandError(f"{args.source}: {exc} Nothing was replaced.",
                               EXIT_LOCKED) from None
        except StorageFailure as exc:
            raise CommandError(str(exc), EXIT_PROBLEM) from None
        except (BackupError, StoreError) as exc:
            raise CommandError(str(exc)) from None
    print(f"Restored {path} from {args.source}.")
    return EXIT_OK


_HANDLERS = {
    "init": _init,
    "demo": _demo,
    "verify": _verify,
    "export": _export,
    "import": _import,
    "print": _print,
    "passwd": _passwd,
    "backup": _backup,
    "restore": _restore,
}


if __name__ == "__main__":
    sys.exit(main())
