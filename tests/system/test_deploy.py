"""docker-compose.yml and the Dockerfile, checked without a Docker engine."""

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.support.paths import REPO


def test_compose_file_is_valid_and_complete() -> None:
    compose = shutil.which("docker-compose")
    assert compose, "docker-compose is missing: `make system-deps` installs it"
    checked = subprocess.run(
        [compose, "-f", str(REPO / "docker-compose.yml"), "config"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    services = yaml.safe_load(checked.stdout)["services"]
    assert set(services) == {"chroma", "models", "llm", "ingest", "api", "proxy"}
    api_env = services["api"]["environment"]
    assert api_env["RAG_CHROMA_URL"] == "http://chroma:8000"
    assert api_env["RAG_LLM_URL"] == "http://llm:8080"
    assert services["llm"]["volumes"][0].endswith(":ro")
    assert "healthcheck" in services["chroma"] and "healthcheck" in services["llm"]
    # Replicas share only the uploads volume; the repository's corpus is read-only.
    for name in ("api", "ingest"):
        mounts = {v.split(":")[1]: v for v in services[name]["volumes"]}  # source:target:mode
        assert mounts["/corpus"].endswith(":ro") and mounts["/corpus/uploads"].startswith(
            "uploads:"
        )


def test_dockerfile_passes_hadolint() -> None:
    hadolint = Path(sys.executable).parent / "hadolint"
    linted = subprocess.run(
        [str(hadolint), str(REPO / "Dockerfile")], capture_output=True, text=True, check=False
    )
    assert linted.returncode == 0, linted.stdout + linted.stderr
    text = (REPO / "Dockerfile").read_text()
    assert "USER 10001" in text and "HEALTHCHECK" in text and "/ready" in text
