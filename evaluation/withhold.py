"""Asking a question with its gold sources withheld from retrieval (`rag eval
--without-gold`): the right outcome is an abstention, since what answers it is gone.

The pipeline is not changed: for one question its retriever is wrapped in a
`WithholdingRetriever`, which drops every passage of the gold sources and asks the inner
retriever deep enough that `top_k` other passages remain, as bench/calibrate_answers.py
does with top_k + 1. The passages left are ranked and scored as in the full corpus (the
fusion saw the gold paragraph), which differs from a corpus without it only in BM25's
normalisation, a small share of the fused score.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from typing import Any, Protocol, runtime_checkable

from rag.errors import ConfigError
from rag.schema import Passage


class Searcher(Protocol):
    def search(
        self, text: str, top_k: int | None = None, filters: dict[str, str] | None = None
    ) -> list[Passage]: ...


@runtime_checkable
class RetrievingPipeline(Protocol):
    """A pipeline that retrieves through its `retriever` attribute, as
    `rag.answer.pipeline.AnswerPipeline` does in both `answer` and `retrieve`."""

    retriever: Any


class WithholdingRetriever:
    """`inner`'s search without any passage of the `withheld` sources."""

    def __init__(self, inner: Searcher, withheld: Collection[str]) -> None:
        self.inner = inner
        self.withheld = frozenset(withheld)

    def search(
        self, text: str, top_k: int | None = None, filters: dict[str, str] | None = None
    ) -> list[Passage]:
        """The `top_k` best passages of other sources (`top_k` None: as many as the
        inner retriever's own default depth). A gold paragraph split into several
        chunks may fill more than one rank, so the inner retriever is asked again,
        deeper by what is missing, until enough are left or it has no more."""
        passages = self.inner.search(text, top_k, filters)
        wanted = top_k or len(passages)
        depth = wanted
        kept = self._kept(passages)
        while len(kept) < wanted and len(passages) >= depth:
            depth = len(passages) + wanted - len(kept)
            passages = self.inner.search(text, depth, filters)
            kept = self._kept(passages)
        return kept[:wanted]

    def _kept(self, passages: list[Passage]) -> list[Passage]:
        return [p for p in passages if p.source not in self.withheld]


def require_retriever(pipeline: object) -> RetrievingPipeline:
    """`pipeline` itself, if its retriever can be wrapped; a `ConfigError` otherwise,
    raised before the run asks anything."""
    if not isinstance(pipeline, RetrievingPipeline):
        raise ConfigError(
            "--without-gold needs a pipeline that retrieves through a `retriever` "
            f"attribute; {type(pipeline).__name__} has none"
        )
    return pipeline


@contextmanager
def gold_withheld(pipeline: object, sources: Collection[str]) -> Iterator[None]:
    """`pipeline` retrieves nothing of `sources` inside the block; its own retriever is
    put back afterwards, whatever happens."""
    retrieving = require_retriever(pipeline)
    inner = retrieving.retriever
    retrieving.retriever = WithholdingRetriever(inner, sources)
    try:
        yield
    finally:
        retrieving.retriever = inner
