"""Open the victimcare desktop app (`make run`). The command line lives in victimcare.cli."""

from victimcare.app import run

if __name__ == "__main__":
    raise SystemExit(run())
