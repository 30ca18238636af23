"""Icons, fonts and Victims' Code rule files.

This folder stays at the top of the repository, and pyproject.toml installs it as the
package `victimcare.resources` (in a wheel and in an editable install alike), so the code
finds it through importlib.resources wherever victimcare is installed. This file is what
makes it a package; it holds no code.
"""
