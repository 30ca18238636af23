"""Start-up hardening: no core dumps that could hold decrypted records, private files."""

from __future__ import annotations

import subprocess
import sys


def test_harden_process_turns_off_core_dumps_and_makes_files_private():
    script = (
        "import os, resource\n"
        "from victimcare import config\n"
        "config.harden_process()\n"
        "print(resource.getrlimit(resource.RLIMIT_CORE))\n"
        "print(oct(os.umask(0)))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    core, umask = done.stdout.split("\n")[:2]
    assert core == "(0, 0)"
    assert umask == "0o77"
