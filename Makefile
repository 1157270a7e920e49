# Two commands on a fresh clone: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: site test serve lint clean system-packages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamp files: reinstall only when a requirements file changes.
$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(VENV)/.runtime $@

site: $(VENV)/.runtime
	$(BIN)/invoke build

# lint-imports checks the layer contracts of pyproject.toml ([tool.importlinter]).
lint: $(VENV)/.dev
	$(BIN)/ruff check .
	PYTHONPATH=plugins $(BIN)/lint-imports

# The Debian packages the tests need (system-packages.txt), first: without them
# and without root, stop at once with the command to run.
system-packages:
	@sh tools/system-packages.sh system-packages.txt

test: system-packages lint
	$(BIN)/python -m pytest

serve: $(VENV)/.runtime
	$(BIN)/invoke build
	$(BIN)/invoke serve --port $(PORT)

clean:
	rm -rf output cache
