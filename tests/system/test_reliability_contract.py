"""Contract fuzzing: schemathesis reads `/openapi.json` from a real uvicorn and sends
requests generated from it, valid and invalid, to every operation, in all its phases
(schema examples, boundary coverage, random fuzzing, stateful sequences).

Every check runs (among them: no 5xx; each response matches its documented status,
content type, headers and body; invalid data is refused; write endpoints refuse a
request without the key; `Allow` lists the methods), with two exceptions that
`CONFIG` explains. The server runs the real pipeline (MiniLM, Chroma, the ingested
corpus, retrieval and verification); only the language model is scripted, so that a
thousand questions take seconds. Bounded by examples per operation, with a fixed seed
and no shrinking: under a minute here.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from rag.components import Components
from tests.support.fakes import ScriptedGenerator
from tests.support.live_api import API_KEY, LiveApi, ingested_components, live_settings, serving

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
MAX_EXAMPLES = 100  # per operation
SEED = 1
REPLY = "El entrenamiento de GPT-4 costó más de 100 millones de dólares."
EXISTING = "posts/tendencias-modelos-generativos.md"
CONFIG = f"""
# Two rules JSON Schema cannot state make some schema-valid requests rightly get a 422:
# an OpenAI request's last message must be the user's, and the question and history
# limits come from settings.
[checks]
positive_data_acceptance.enabled = false

# Without a real id every GET /documents/{{source}} is a 404, and the document schema
# goes untested.
[[operations]]
include-path = "/documents/{{source}}"
include-method = "GET"
parameters = {{ source = "{EXISTING}" }}

# A multipart part is bytes: a "file" that the schema says should be a string but is
# generated as a JSON array still arrives as a file, and is rightly taken as one.
[[operations]]
include-path = "/documents"
include-method = "POST"
checks.negative_data_rejection.enabled = false
"""


@pytest.fixture(scope="module")
def live(
    shared_components: Components, models_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveApi]:
    settings = live_settings(
        tmp_path_factory.mktemp("contract"), models_dir, api_key=API_KEY, max_upload_bytes=50_000
    )
    components = ingested_components(settings, shared_components).with_parts(
        generator=ScriptedGenerator([REPLY])
    )
    with serving(settings, components) as server:
        yield server


def test_every_operation_honours_its_openapi_contract(live: LiveApi, tmp_path: Path) -> None:
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG)
    command = [
        str(SCHEMATHESIS), "--no-color", "--config-file", str(config), "run",
        f"{live.url}/openapi.json",
        "--header", f"Authorization: Bearer {API_KEY}",
        "--max-examples", str(MAX_EXAMPLES), "--seed", str(SEED), "--no-shrink",
        "--workers", "1", "--request-timeout", "60",
    ]  # fmt: skip
    run = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-20_000:] + run.stderr[-5_000:]
    assert "No issues found" in run.stdout
    paths = httpx.get(f"{live.url}/openapi.json").json()["paths"]
    operations = sum(len(methods) for methods in paths.values())
    assert f"Tested: {operations}" in run.stdout  # every operation was reached
