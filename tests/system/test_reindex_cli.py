"""A collection ingested with MiniLM is refused by the default multilingual-e5-small,
in one line and a non-zero exit, until `rag ingest --reindex`; a reindex SIGKILLed in
the middle is finished by the next plain `rag ingest`. Real `rag` subprocesses, real
models and Chroma; the rules themselves: tests/unit/test_model_check.py."""

from __future__ import annotations

import signal
from pathlib import Path

from ingest import faults
from rag import model_files
from rag.answer.retrieval import HybridRetriever
from rag.components import Components
from rag.embedder import Embedder
from rag.settings import load_settings
from rag.store import ModelRecord
from tests.support.cli import run_rag

LIGHTHOUSE = "notas/faro.md"
UPLOAD = "uploads/molino.md"  # where `POST /documents` saves a file
NOTES = {
    LIGHTHOUSE: "# El faro\n\nEl faro de Punta Norte mide treinta metros y se encendió en 1902.\n",
    "notas/cafe.md": "# Café\n\nEl café de altura se tuesta despacio para conservar su acidez.\n",
    UPLOAD: "# El molino\n\nEl molino de la colina muele trigo desde 1850.\n",
}


def test_another_model_is_refused_until_a_reindex_which_survives_a_crash(
    models_dir: Path, embedder: Embedder, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    for source, text in NOTES.items():
        (corpus / source).parent.mkdir(parents=True, exist_ok=True)
        (corpus / source).write_text(text, encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    (data / "models").symlink_to(models_dir)  # the session's assembled e5 and GGUF
    env = {"RAG_DATA_DIR": str(data), "RAG_CORPUS_DIR": str(corpus), "HF_HUB_OFFLINE": "1"}
    minilm = {**env, "RAG_EMBEDDING_MODEL": model_files.MINILM_NAME}
    assert run_rag("ingest", env=minilm).returncode == 0

    e5 = embedder.identity
    assert e5.name == model_files.MULTILINGUAL_E5_NAME
    minilm_fingerprint = model_files.model_dir_fingerprint(model_files.packaged_embedding_dir())
    refusal = (
        f"error: collection 'corpus' was embedded with all-MiniLM-L6-v2 (384 dimensions, "
        f"fingerprint {minilm_fingerprint}), not {e5.describe()}: run `rag ingest --reindex` "
        "to re-embed it, or set RAG_EMBEDDING_MODEL=all-MiniLM-L6-v2"
    )
    for command in (["ingest"], ["ask", "¿Cuánto mide el faro?"]):
        refused = run_rag(*command, env=env)
        assert refused.returncode != 0
        assert refused.stderr.splitlines() == [refusal], command

    crashed = run_rag(
        "ingest", "--reindex", env={**env, faults.FAULT_ENV: faults.AFTER_CHROMA_WRITE}
    )
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr
    unfinished = run_rag("ingest", "--dry-run", env=env)
    assert unfinished.returncode != 0
    assert unfinished.stderr.splitlines() == [
        "error: collection 'corpus' is being re-embedded with multilingual-e5-small and that "
        "reindex has not finished: run `rag ingest --reindex` to finish it"
    ]
    finished = run_rag("ingest", env=env)  # no flag: the journal says a reindex is due
    assert finished.returncode == 0, finished.stderr
    again = run_rag("ingest", "--reindex", "--json", env=env)  # and once more, uninterrupted
    assert again.returncode == 0, again.stderr
    assert '"added": 3' in again.stdout

    settings = load_settings(data_dir=data, corpus_dir=corpus)
    components = Components(settings, embedder=embedder)
    assert components.store.embedding_model() == ModelRecord(e5)
    assert {chunk[2]["source"] for chunk in components.store.iter_chunks()} == set(NOTES)
    retriever = HybridRetriever(components)
    assert retriever.search("How tall is the lighthouse?", top_k=1)[0].source == LIGHTHOUSE
    assert retriever.search("What does the mill grind?", top_k=1)[0].source == UPLOAD
