# One task runner for people and CI. `make help` lists every target.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUTPUT ?= output
PORT ?= 8000
PELICAN := $(BIN)/pelican content --fatal warnings

.DEFAULT_GOAL := help

.PHONY: help # list the targets with what they do
help:
	@grep -E '^\.PHONY: [a-z-]+ # ' $(MAKEFILE_LIST) | sed -E 's/^\.PHONY: ([a-z-]+) # (.*)/  make \1\t\2/' | expand -t 20

# The pinned requirements first, then the directory itself, editable: its console scripts
# (directory-validate ...) land in $(BIN)/ and run the code in plugins/ as it is.
$(BIN)/.installed: requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --editable . -c constraints.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

.PHONY: setup # create .venv, install the Python and npm dependencies and the directory (editable)
setup: $(BIN)/.installed node_modules/.installed

.PHONY: validate # check every file in data/ and print each problem with file:line:col
validate: setup
	$(BIN)/directory-validate data

# Build into a fresh folder beside $(OUTPUT)/ and swap it in only when Pelican succeeded:
# a failed build leaves the previous site as it was, never half of a new one.
define build_then_replace_output
	@tmp="$(OUTPUT).tmp-$$$$"; old="$(OUTPUT).old-$$$$"; \
	trap 'rm -rf "$$tmp" "$$old"' EXIT; \
	echo "Building the site in $$tmp/; it replaces $(OUTPUT)/ only if the build succeeds"; \
	$(PELICAN) -s $(1) -o "$$tmp" || { echo "The build failed: $(OUTPUT)/ was left as it was." >&2; exit 1; }; \
	if [ -e "$(OUTPUT)" ]; then mv "$(OUTPUT)" "$$old"; fi; \
	mv "$$tmp" "$(OUTPUT)"
endef

.PHONY: issue-form # rewrite the add-program issue forms' option lists (English and Spanish) from data/schemas/program.schema.json
issue-form: setup
	$(BIN)/directory-issue-form

# Every language but English: its words are in theme/translations/<code>/LC_MESSAGES/messages.po.
TRANSLATED := es
.PHONY: translations # gather the interface's words into messages.pot, add new ones to each language's .po, and compile them (a .po entry left empty shows English)
translations: setup
	$(BIN)/pybabel extract --mapping-file babel.cfg --keywords _ --keywords gettext --keywords ngettext:1,2 --add-location file --sort-by-file --no-wrap --project "Tech Pathways Directory" --output-file theme/translations/messages.pot .
	for code in $(TRANSLATED); do \
	  if [ -f theme/translations/$$code/LC_MESSAGES/messages.po ]; then \
	    $(BIN)/pybabel update --input-file theme/translations/messages.pot --output-dir theme/translations --locale $$code --no-wrap --ignore-obsolete --no-fuzzy-matching; \
	  else \
	    $(BIN)/pybabel init --input-file theme/translations/messages.pot --output-dir theme/translations --locale $$code --no-wrap; \
	  fi; \
	  $(BIN)/pybabel compile --directory theme/translations --locale $$code --statistics; \
	done

.PHONY: html # validate, then build the site into output/ (replaced only if the build succeeds)
html: validate
	$(call build_then_replace_output,pelicanconf.py)

.PHONY: serve # build, then serve the site on http://localhost:8000
serve: html
	@echo "Serving $(OUTPUT)/ on http://localhost:$(PORT)/ (Ctrl+C stops)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory $(OUTPUT)

.PHONY: publish # build for the public address in $SITEURL (used by the Pages workflow)
publish: validate
	$(call build_then_replace_output,publishconf.py)

.PHONY: test # set up, then run every test
test: setup
	$(BIN)/python -m pytest

.PHONY: check-standards # run only the web's own validators on a build (part of make test)
check-standards: setup
	$(BIN)/python -m pytest tests/test_standards.py

.PHONY: bench # measure validation and build speed and the largest pages on synthetic data, then Lighthouse scores (not a test)
bench: setup
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_lighthouse.py

.PHONY: lint # ruff (complexity at most 15), modules under 300 lines, functions under 60, no import cycle
lint: setup
	$(BIN)/ruff check plugins scripts tests pelicanconf.py publishconf.py
	$(BIN)/python -m pytest -q tests/test_code_limits.py tests/test_import_cycles.py

.PHONY: clean # remove output/ and caches (keeps .venv and node_modules)
clean:
	rm -rf $(OUTPUT) .pytest_cache .hypothesis
	find . -name __pycache__ -not -path './$(VENV)/*' -not -path './node_modules/*' -prune -exec rm -rf {} +
