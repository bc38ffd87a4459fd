# Two commands set everything up on a fresh machine: `make regen` and `make test`.
# Each target creates .venv itself (pinned by constraints.txt) the first time it is needed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)

.PHONY: venv regen test check wheels bench lint clean

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test,bench]'
	touch $@

regen: $(STAMP)
	$(BIN)/python -m generator regen $(ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest -n auto $(ARGS)

check: $(STAMP)
	$(BIN)/python -m generator check

wheels: $(STAMP)
	$(BIN)/python -m generator build --out dist

bench: $(STAMP)
	$(BIN)/python -m bench

lint: $(STAMP)
	$(BIN)/ruff check generator tests bench templates/runtime
	$(BIN)/ruff format --check generator tests bench templates/runtime
	$(BIN)/mypy

clean:
	rm -rf $(VENV) dist build .pytest_cache .mypy_cache

# Every spec in ../shared/corpus, ../shared/upstream and specs/: generate, import, ruff, mypy, verify.
.PHONY: corpus
corpus: $(STAMP)
	$(BIN)/python -m corpus $(ARGS)
