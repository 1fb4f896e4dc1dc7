"""Shared fixtures, seen by every tier. Real models load once per test session and are
shared.

Tiers: tests/unit uses the fakes in tests/support/ and no fixture below that loads a
model; tests/pipeline and tests/system use the real MiniLM embedder, real Chroma in a
temporary directory and the real Gemma GGUF, through these fixtures.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
for _name in [n for n in os.environ if n.startswith("RAG_")]:
    del os.environ[_name]  # a developer's own settings must not leak into tests

from rag.components import Components  # noqa: E402
from rag.settings import Settings, load_settings  # noqa: E402
from tests.support import cli  # noqa: E402
from tests.support.llm import LLM_THREADS  # noqa: E402
from tests.support.paths import CORPUS  # noqa: E402

pytest_plugins = ["tests.support.browser"]


@pytest.fixture(scope="session")
def models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One assembled copy of the default GGUF and embedder for the whole session."""
    from rag import model_files

    data = tmp_path_factory.mktemp("models-data")
    model_files.assemble_default_gguf(data / "models")
    model_files.multilingual_e5_dir(data / "models")
    cli.session_models[:] = [data / "models"]
    return data / "models"


@pytest.fixture(scope="session")
def shared_components(models_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Components:
    settings = load_settings(data_dir=models_dir.parent, corpus_dir=CORPUS, llm_threads=LLM_THREADS)
    return Components(settings)


@pytest.fixture(scope="session")
def embedder(shared_components: Components) -> Any:
    return shared_components.embedder


@pytest.fixture(scope="session")
def generator(shared_components: Components) -> Any:
    return shared_components.generator


@pytest.fixture
def make_settings(tmp_path: Path, models_dir: Path) -> Callable[..., Settings]:
    """Settings on a fresh data dir, reusing the session's assembled GGUF."""

    def build(**overrides: Any) -> Settings:
        data_dir = overrides.pop("data_dir", tmp_path / "data")
        data_dir.mkdir(parents=True, exist_ok=True)
        model = overrides.pop("llm_model_path", models_dir / "gemma-3-270m-q4_k_m.gguf")
        overrides.setdefault("llm_threads", LLM_THREADS)
        return load_settings(data_dir=data_dir, llm_model_path=model, **overrides)

    return build


@pytest.fixture
def make_components(
    make_settings: Callable[..., Settings], shared_components: Components
) -> Callable[..., Components]:
    """Components on a fresh store that share the session's loaded models."""

    def build(**overrides: Any) -> Components:
        # A test that names its own model or language model server gets that generator.
        own_generator = "llm_model_path" in overrides or "llm_url" in overrides
        return Components(
            make_settings(**overrides),
            embedder=shared_components.embedder,
            generator=None if own_generator else shared_components.generator,
        )

    return build
