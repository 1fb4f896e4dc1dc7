"""Uploaded files: safe names, and saving them under `<corpus>/uploads/`.

A client's file name is untrusted: only its last path component is kept, control
characters (NUL included) and leading dots are dropped, and anything outside letters,
digits, `.`, `-` and `_` becomes `_`. The result can neither leave the upload folder
nor be hidden.
"""

from __future__ import annotations

import os
import re
import unicodedata
import uuid
from pathlib import Path

from ingest.loaders import SUPPORTED_SUFFIXES
from rag.errors import ConfigError

UPLOAD_FOLDER = "uploads"
MAX_NAME_CHARS = 120


class UploadNameError(ConfigError):
    """A file name that cannot be made safe, or a type that cannot be ingested."""


def safe_filename(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if ch.isprintable())
    base = re.sub(r"[^\w.-]", "_", base)
    base = re.sub(r"_{2,}", "_", base)
    only_suffix = base.startswith(".") and "." not in base.lstrip(".")  # ".md", ".env"
    stem, suffix = os.path.splitext(base.lstrip("."))
    stem = stem.strip("._-")[: MAX_NAME_CHARS - len(suffix)]
    if not stem or only_suffix:
        raise UploadNameError(f"{display(name)}: invalid file name")
    if suffix.lower() not in SUPPORTED_SUFFIXES:
        raise UploadNameError(
            f"{display(name)}: unsupported file type {suffix.lower() or '(none)'}, "
            f"use one of {', '.join(sorted(SUPPORTED_SUFFIXES))}"
        )
    return stem + suffix.lower()


def display(name: str) -> str:
    """A client file name made printable for messages."""
    shown = "".join(ch if ch.isprintable() else "?" for ch in name)[:MAX_NAME_CHARS]
    return repr(shown)


def upload_dir(corpus_dir: Path) -> Path:
    return corpus_dir / UPLOAD_FOLDER


def save_upload(corpus_dir: Path, filename: str, content: bytes) -> Path:
    """Write atomically (temporary name, then rename), so ingestion never reads half a
    file."""
    folder = upload_dir(corpus_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / filename
    staging = folder / f".{filename}.{uuid.uuid4().hex[:8]}.part"
    staging.write_bytes(content)
    os.replace(staging, target)
    return target


def source_of(path: Path, corpus_dir: Path) -> str:
    """The document id: the path relative to the corpus root, with `/` separators."""
    return path.resolve().relative_to(corpus_dir.resolve()).as_posix()
