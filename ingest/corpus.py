"""Which files an ingest looks at, and the source name (document id) of each.

A source is the file's path relative to the corpus root, in POSIX form, so it is the
same on every machine and for every data dir. The root's `eval/` folder (evaluation
questions), the root's README.md (it describes the corpus, it is not part of it) and
hidden files and folders are never ingested.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ingest.loaders import SUPPORTED_SUFFIXES
from rag.errors import ConfigError

EXCLUDED_ROOT_DIRS = frozenset({"eval"})
EXCLUDED_ROOT_FILES = frozenset({"README.md"})


@dataclass(frozen=True)
class Target:
    """One path the user asked for, as a source prefix ("" is the whole corpus)."""

    prefix: str
    exists: bool

    def covers(self, source: str) -> bool:
        return not self.prefix or source == self.prefix or source.startswith(self.prefix + "/")


def resolve_targets(corpus_dir: Path, paths: list[Path] | None) -> list[Target]:
    root = corpus_root(corpus_dir)
    if not paths:
        return [Target("", True)]
    return [_target(root, Path(path)) for path in paths]


def corpus_root(corpus_dir: Path) -> Path:
    root = corpus_dir.expanduser().resolve()
    if not root.is_dir():
        raise ConfigError(f"corpus dir not found: {corpus_dir} (set RAG_CORPUS_DIR)")
    return root


def _target(root: Path, path: Path) -> Target:
    absolute = path.expanduser().resolve()
    if absolute != root and root not in absolute.parents:
        raise ConfigError(f"{path} is outside the corpus dir {root} (RAG_CORPUS_DIR)")
    prefix = absolute.relative_to(root).as_posix() if absolute != root else ""
    if prefix and is_excluded(prefix):
        raise ConfigError(
            f"{path} is never ingested (eval/, the root README.md and hidden files are excluded)"
        )
    if absolute.is_file() and absolute.suffix.lower() not in SUPPORTED_SUFFIXES:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise ConfigError(f"{path}: unsupported file type (supported: {supported})")
    return Target(prefix, absolute.exists())


def is_excluded(source: str) -> bool:
    parts = source.split("/")
    if len(parts) == 1 and parts[0] in EXCLUDED_ROOT_FILES:
        return True
    return parts[0] in EXCLUDED_ROOT_DIRS or any(part.startswith(".") for part in parts)


def scan(corpus_dir: Path, targets: list[Target]) -> dict[str, Path]:
    """Every ingestible file under the targets, by source, in a stable order."""
    root = corpus_root(corpus_dir)
    found: dict[str, Path] = {}
    for target in targets:
        if target.exists:
            found.update(_files_under(root, root / target.prefix if target.prefix else root))
    return dict(sorted(found.items()))


def _files_under(root: Path, top: Path) -> dict[str, Path]:
    if top.is_file():
        return {top.relative_to(root).as_posix(): top}
    found: dict[str, Path] = {}
    for directory, subdirs, files in os.walk(top):
        here = Path(directory)
        subdirs[:] = sorted(d for d in subdirs if not _skipped_dir(root, here, d))
        for name in files:
            path = here / name
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            if is_excluded(path.relative_to(root).as_posix()):
                continue
            if _is_regular(path):
                found[path.relative_to(root).as_posix()] = path
    return found


def _skipped_dir(root: Path, parent: Path, name: str) -> bool:
    return name.startswith(".") or (parent == root and name in EXCLUDED_ROOT_DIRS)


def _is_regular(path: Path) -> bool:
    """Sockets and FIFOs would block a read forever."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False
