"""victimcare: offline, encrypted case and contact keeping for victim liaison officers."""

# The one place the version is written: pyproject.toml reads it from here (a static read,
# nothing is imported at build time), `victimcare --version` and the About window show it.
__version__ = "0.1.0"
