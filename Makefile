# Kirkas – the two commands: `make serve` (preview) and `make test` (whole test suite).
# Both create the virtual environment .venv from requirements.txt when it is
# missing or older than requirements.txt; `make test` also installs the locked
# checkers (vnu-jar, axe-core from package-lock.json) into .tools/ with npm ci.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve test build clean bench linkcheck screenshots venv tools messages new-practice

venv: $(STAMP)

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

## tools: the locked checkers (vnu.jar, axe-core) in .tools/ (npm ci, needs npm; a no-op when up to date)
tools: $(STAMP)
	$(BIN)/python -m tests.support.tools

## serve: preview with live reload at http://127.0.0.1:8000 (problems are shown, preview keeps running)
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --no-strict

## test: run the whole test suite (builds the site, checks HTML, drives headless Chromium)
test: tools
	$(BIN)/python -m pytest -c tests/pytest.ini --rootdir=. -n 2 $(PYTEST_ARGS)

## build: strict build into site/ (fails on any problem)
build: $(STAMP)
	$(BIN)/mkdocs build --strict --clean

## bench: build times, then Lighthouse on every page type (20-40 minutes; installs Lighthouse and Node 22, ~390 MB, into .tools/)
bench: $(STAMP)
	$(BIN)/python -m tests.support.tools --bench
	$(BIN)/python -m tests.bench

## linkcheck: check that external links answer (uses the network; cached)
linkcheck: $(STAMP)
	$(BIN)/python -m hooks.kirkas.linkcheck

## screenshots: PNGs of every page type, phone and laptop, all languages (screenshots/)
screenshots: $(STAMP)
	$(BIN)/python -m tests.screenshots

## new-practice: replace the demo with the skeleton of your own practice, e.g. make new-practice LANGUAGES="fi en"
new-practice: $(STAMP)
	$(BIN)/python -m hooks.kirkas.new_practice $(LANGUAGES)

## messages: after changing a build message in hooks/: update the catalogues (translate the new entries, then run again)
LOCALE := hooks/kirkas/locale
messages: $(STAMP)
	$(BIN)/pybabel extract --project=kirkas -k _ -k N_ -k ngettext:1,2 --no-location --sort-output --omit-header -o $(LOCALE)/kirkas.pot hooks
	$(BIN)/pybabel update -i $(LOCALE)/kirkas.pot -d $(LOCALE) -D kirkas --no-wrap --ignore-obsolete --no-fuzzy-matching
	$(BIN)/pybabel compile -d $(LOCALE) -D kirkas --statistics

## clean: remove everything made here (site, results, caches, .tools/) except the virtual environment .venv
clean:
	rm -rf site bench-results screenshots .pytest_cache .cache .tools
	find . -name __pycache__ -type d -prune -not -path './$(VENV)/*' -exec rm -rf {} +
