from pathlib import Path

import pytest

from rag.errors import ConfigError
from rag.settings import load_settings


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("RAG_TOP_K", "0", "RAG_TOP_K: Input should be greater than or equal to 1 (got '0')"),
        (
            "RAG_TOP_K",
            "many",
            "RAG_TOP_K: Input should be a valid integer, unable to parse string as an integer "
            "(got 'many')",
        ),
        (
            "RAG_LLM_TEMPERATURE",
            "3",
            "RAG_LLM_TEMPERATURE: Input should be less than or equal to 2 (got '3')",
        ),
        (
            "RAG_CHROMA_URL",
            "localhost:8000",
            "RAG_CHROMA_URL: String should match pattern '^https?://[^\\s/]+(:\\d+)?/?$' "
            "(got 'localhost:8000')",
        ),
        (
            "RAG_API_KEY_FOR_CHAT",
            "maybe",
            "RAG_API_KEY_FOR_CHAT: Input should be a valid boolean, unable to interpret input "
            "(got 'maybe')",
        ),
    ],
)
def test_invalid_value_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value) == message


def test_cross_field_rule_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAG_CHUNK_TOKENS", "64")
    monkeypatch.setenv("RAG_CHUNK_OVERLAP_TOKENS", "64")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value) == (
        "RAG_CHUNK_OVERLAP_TOKENS must be smaller than RAG_CHUNK_TOKENS (got 64 >= 64)"
    )


def test_defaults_and_env_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("RAG_TOP_K=7\nRAG_DATA_DIR=/srv/rag\n")
    settings = load_settings()
    assert settings.top_k == 7
    assert settings.data_dir == Path("/srv/rag")
    assert settings.corpus_dir == Path("corpus")
    assert settings.chroma_url is None and settings.embedded
    assert settings.models_dir == Path("/srv/rag/models")
