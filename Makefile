# Two commands on a fresh machine:  `make run`  (install, then the main job)  and  `make test`.
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test install browser

$(BIN)/soraresist: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/soraresist

run: install
	$(BIN)/soraresist atlas stats
	$(BIN)/soraresist validate

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: install browser
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/pytest
