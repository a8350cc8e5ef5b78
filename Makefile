# graphkit: `make demo` builds the seeds' graph into out/; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# axe-core (npm, pinned in package-lock.json) checks the site's accessibility in tests/site
AXE := node_modules/axe-core/axe.min.js

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

$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --ignore-scripts && touch $@; \
	else echo "npm not found: the accessibility tests will skip (make system-deps installs it)"; fi

test: $(VENV)/.test-extras $(AXE)
	$(BIN)/python -m pytest -q

eval: $(BIN)/graphkit
	$(BIN)/graphkit eval seeds --gold tests/gold --out out/eval

bench: $(BIN)/graphkit
	$(BIN)/graphkit bench seeds --repeat 3

# System tools some tests need (raptor2-utils' rapper, Debian chromium, DejaVu fonts, npm for axe-core,
# virtuoso-opensource for the push tests); CI runs this.
system-deps:
	DEBIAN_FRONTEND=noninteractive apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq raptor2-utils chromium fonts-dejavu-core npm \
		virtuoso-opensource >/dev/null

clean:
	rm -rf $(VENV) node_modules out/*.ttl out/*.trig out/*.jsonld out/*.html out/*.json out/*.csv out/texts out/eval \
		out/entities out/councils out/assets
