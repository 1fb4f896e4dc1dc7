"""Liveness and readiness: are the models loaded, the store reachable and its vectors
the embedder's?"""

from __future__ import annotations

from rag.components import Components
from rag.errors import BackendError
from rag.model_check import EmbeddingModelError, model_guard

MODELS = ("embedder", "generator")


class NotReadyError(BackendError):
    """Still loading, or a part is down (503)."""


class HealthService:
    def __init__(self, components: Components, warm_up_error: str | None = None) -> None:
        self.components = components
        self.warm_up_error = warm_up_error

    def model_refusal(self) -> str | None:
        """Why queries are refused for the collection's embedding model, as last seen by
        a query, `/ready` or the warm-up; never touches the store (liveness must not
        depend on it)."""
        return model_guard(self.components).refusal

    def check_ready(self) -> dict[str, bool]:
        """Raise NotReadyError naming what is missing; never loads a model itself."""
        if self.warm_up_error:
            raise NotReadyError(f"not ready: {self.warm_up_error}")
        loaded = self.components.loaded()
        missing = [name for name in MODELS if name not in loaded]
        if missing:
            raise NotReadyError(f"not ready: {' and '.join(missing)} not loaded yet")
        try:
            self.components.store.count()
            model_guard(self.components).check()
        except (BackendError, EmbeddingModelError) as exc:  # unreachable, or another model
            raise NotReadyError(f"not ready: {exc}") from None
        except Exception as exc:
            raise NotReadyError(f"not ready: vector store unreachable ({exc})") from None
        return {"embedder": True, "generator": True, "store": True}
