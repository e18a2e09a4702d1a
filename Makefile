# Two commands on a fresh machine:  `make run`  (install, then the main job)  and  `make test`.
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test install

$(BIN)/soraresist: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/soraresist

run: install
	$(BIN)/soraresist atlas stats

test: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/pytest
