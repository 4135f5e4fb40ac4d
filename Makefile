# The two commands a fresh machine needs: `make demo` and `make test`.
# Prefer the distribution's Python 3.11 where there is one: it is built with profile-
# guided optimisation and renders the reports about a tenth faster than a plain
# source build such as pyenv's (docs/reports.md). Otherwise (none, or one that cannot
# make a venv) python3.11 on PATH.
PYTHON ?= $(shell /usr/bin/python3.11 -c "import ensurepip, venv" >/dev/null 2>&1 \
	&& echo /usr/bin/python3.11 || echo python3.11)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
MONTH ?= 2022M04
SEED ?= 7

.PHONY: demo test venv lint clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Need $(PYTHON) on PATH (Python 3.11)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,postgres,spark]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/akassemonitor synth --out data/ --seed $(SEED)
	$(BIN)/akassemonitor release --data data/ --month $(MONTH) --out releases/
	$(BIN)/akassemonitor verify releases/$(MONTH)
	@echo "Release: releases/$(MONTH)/ (hand this out; its manifest.json says what made it)"
	@echo "Reports: releases/$(MONTH)/reports/ (PDF, HTML, Excel per a-kasse and ALLE)"
	@echo "Internal, never hand out: releases/$(MONTH).internal/ (measures.csv, rejects/)"

# The browser tests' tools from the npm registry (axe-core), as package-lock.json pins them.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	@touch $(NODE_STAMP)

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest -q --durations=15

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy src

clean:
	rm -rf $(VENV) node_modules out data reports releases
