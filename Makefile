# graphkit: `make demo` builds the seeds' graph into out/; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test eval bench system-deps clean

$(BIN)/graphkit: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-extras: $(BIN)/graphkit
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(BIN)/graphkit
	$(BIN)/graphkit build seeds --out out

test: $(VENV)/.test-extras
	$(BIN)/python -m pytest -q

eval: $(BIN)/graphkit
	$(BIN)/graphkit eval seeds --gold tests/gold --out out/eval

bench: $(BIN)/graphkit
	$(BIN)/graphkit bench seeds --repeat 3

# System tools some tests need (raptor2-utils' rapper, Debian chromium, DejaVu fonts); CI runs this.
system-deps:
	DEBIAN_FRONTEND=noninteractive apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq raptor2-utils chromium fonts-dejavu-core >/dev/null

clean:
	rm -rf $(VENV) out/*.ttl out/*.trig out/*.jsonld out/*.html out/*.json out/*.csv out/texts out/eval
