# victimcare: `make run` opens the app, `make test` runs every test headless.
# Both create .venv on first use and are quick the second time.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DIST_STAMP := $(VENV)/.installed-dist

.PHONY: run test bench lint clean-venv dist install-desktop uninstall-desktop

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "victimcare needs Python 3.11 or newer ($(PYTHON) is older)."; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependencies change.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

run: $(STAMP)
	@$(BIN)/python -m victimcare.qt_libraries
	$(BIN)/python main.py

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen PYTHONFAULTHANDLER=1 $(BIN)/python -m pytest

# Builds (once) fictional stores of 500 and 5,000 cases in bench-data/, then measures.
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.run

# The one-folder desktop bundle, dist/victimcare/ (a few minutes): runs with no Python on the
# machine. `make test` then also runs the bundle's own program (tests/test_bundle.py).
$(DIST_STAMP): pyproject.toml | $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,dist]'
	@touch $@

dist: $(DIST_STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
	  --distpath dist --workpath build/pyinstaller packaging/victimcare.spec
	dist/victimcare/victimcare --version
	@echo "Built dist/victimcare/: run dist/victimcare/victimcare (the app, or a command)."

# A menu entry and icon for this user, opening the bundle when it is built, else .venv's app.
install-desktop: $(STAMP)
	$(BIN)/python tools/desktop_entry.py install

uninstall-desktop: $(STAMP)
	$(BIN)/python tools/desktop_entry.py uninstall

lint: $(STAMP)
	$(BIN)/ruff check .

clean-venv:
	rm -rf $(VENV)
