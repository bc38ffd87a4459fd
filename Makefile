# Two commands set everything up on a fresh machine: `make regen` and `make test`.
# Each target creates .venv itself (pinned by constraints.txt) the first time it is needed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SDKGEN := $(BIN)/sdkgen
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)

.PHONY: venv regen test test-fast check wheels bench lint clean

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@echo "Installing the pinned environment into $(VENV) (a minute or two the first time)..."
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar on \
		-c constraints.txt -e '.[test,bench]'
	$(BIN)/sdkgen --version
	touch $@

regen: $(STAMP)
	$(SDKGEN) regen $(ARGS)

# Every tier; the fast loop below is the unit and runtime tiers only.
test: $(STAMP)
	$(BIN)/python -m pytest -n auto $(ARGS)

test-fast: $(STAMP)
	$(BIN)/python -m pytest -n auto tests/unit tests/runtime $(ARGS)

check: $(STAMP)
	$(SDKGEN) check

wheels: $(STAMP)
	$(SDKGEN) build --out dist

bench: $(STAMP)
	$(BIN)/python -m bench

lint: $(STAMP)
	$(BIN)/ruff check generator tests bench corpus templates/runtime
	$(BIN)/ruff format --check generator tests bench corpus templates/runtime
	$(BIN)/mypy

clean:
	rm -rf $(VENV) dist build .pytest_cache .mypy_cache

# Every spec in ../shared/corpus, ../shared/upstream and specs/: generate, import, ruff, mypy, verify.
.PHONY: corpus
corpus: $(STAMP)
	$(BIN)/python -m corpus $(ARGS)
