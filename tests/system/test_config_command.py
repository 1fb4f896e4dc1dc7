"""`rag config` in a subprocess: a bad setting is one line, and secrets are masked."""

from tests.support.cli import run_rag


def test_cli_rejects_bad_setting_with_one_line() -> None:
    result = run_rag("config", env={"RAG_TOP_K": "-3"})
    assert result.returncode == 2
    assert (
        result.stderr == "error: RAG_TOP_K: Input should be greater than or equal to 1 (got '-3')\n"
    )
    assert result.stdout == ""


def test_cli_config_masks_secrets() -> None:
    result = run_rag("config", "--json", env={"RAG_API_KEY": "s3cret-key", "RAG_TOP_K": "9"})
    assert result.returncode == 0, result.stderr
    assert "s3cret-key" not in result.stdout
    import json

    shown = json.loads(result.stdout)
    assert shown["api_key"] == "********"
    assert shown["top_k"] == 9
    plain = run_rag("config", env={"RAG_API_KEY": "s3cret-key"})
    assert "RAG_API_KEY=********" in plain.stdout.splitlines()
    assert "s3cret-key" not in plain.stdout
