"""Everything one app instance holds: settings, components, the worker pools, jobs."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from api.generation_pool import GenerationPool
from api.metrics import ApiMetrics
from rag.analyzer import load_dictionaries
from rag.components import Components
from rag.model_check import EmbeddingModelError, model_guard
from rag.settings import Settings

if TYPE_CHECKING:
    from api.contracts import AnswerPipelineLike, IngestorLike
    from api.documents.ingest_jobs import IngestJobs

log = logging.getLogger(__name__)


class AppState:
    def __init__(
        self,
        settings: Settings,
        components: Components | None = None,
        pipeline: AnswerPipelineLike | None = None,
        ingestor: IngestorLike | None = None,
    ) -> None:
        self.settings = settings
        self.components = components or Components(settings)
        self.metrics = ApiMetrics()
        self.pool = GenerationPool(settings.generation_workers, settings.generation_queue)
        self.metrics.watch_pool(lambda: self.pool.waiting, lambda: self.pool.running)
        self.ingest_lock = threading.Lock()  # one ingest at a time: uploads and re-syncs
        self.warm_up_error: str | None = None
        self._pipeline = pipeline
        self._ingestor = ingestor
        self._jobs: IngestJobs | None = None
        self._build_lock = threading.Lock()

    @property
    def pipeline(self) -> AnswerPipelineLike:
        with self._build_lock:
            if self._pipeline is None:
                from rag.answer.pipeline import AnswerPipeline

                self._pipeline = AnswerPipeline(self.components)
            return self._pipeline

    @property
    def ingestor(self) -> IngestorLike:
        with self._build_lock:
            if self._ingestor is None:
                from ingest.sync import Ingestor

                self._ingestor = Ingestor(self.components)
            return self._ingestor

    @property
    def jobs(self) -> IngestJobs:
        with self._build_lock:
            if self._jobs is None:
                from api.documents.ingest_jobs import IngestJobs

                self._jobs = IngestJobs(lambda: self.ingestor, self.ingest_lock)
            return self._jobs

    def warm_up(self) -> None:
        """Load the models and open the store before the first question needs them."""
        try:
            load_dictionaries()  # first: `/ready` waits for the models, so for these too
            self.components.embedder  # noqa: B018 - loading is the point
            self.components.generator  # noqa: B018
            self.components.lexical.ensure_fresh()
            model_guard(self.components).check()
            log.info("models loaded and store open")
        except EmbeddingModelError as exc:  # no warm-up failure: it lifts once reindexed
            log.error("%s", exc)
        except Exception as exc:
            self.warm_up_error = str(exc)
            log.error("warm-up failed: %s", exc)

    def close(self) -> None:
        self.pool.shutdown()
        if self._jobs is not None:
            self._jobs.shutdown()
