# The two set-up commands are `make demo` and `make test`; both start from nothing.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint typecheck unit bench clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip==26.3
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/manysides analyze examples/corpus/*.html examples/corpus/*.txt examples/corpus/*.jsonl \
		--manifest examples/corpus/manifest.csv --db build/demo/manysides.db --out build/demo

lint: $(STAMP)
	$(BIN)/ruff check manysides tests benchmarks examples fuzz
	$(BIN)/ruff format --check manysides tests benchmarks examples fuzz

typecheck: $(STAMP)
	$(BIN)/mypy manysides

unit: $(STAMP)
	$(BIN)/python -m pytest -q

# Debian's chromium for the browser tests (Playwright cannot download a browser here); they skip, saying why, without it.
browser:
	@test -x /usr/bin/chromium || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium) \
		|| echo "make browser: could not install chromium with apt-get (needs root and a package mirror); browser tests will be skipped"

test: browser lint typecheck unit

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run_all

clean:
	rm -rf build $(VENV)
