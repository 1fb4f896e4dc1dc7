"""Request and response bodies of `/chat` and `/retrieve`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, field_validator

from rag.answer.question_limits import NOT_EMPTY

EXAMPLE_QUESTION = "¿Qué es la destilación de modelos?"
# The schema states what `not_blank` checks (JSON Schema patterns are unanchored).
NOT_BLANK_SCHEMA: dict[str, JsonValue] = {"minLength": 1, "pattern": r"\S"}


def not_blank(value: str) -> str:
    """The question limits' emptiness rule, at validation time so the schema shows it."""
    if not value.strip():
        raise ValueError(NOT_EMPTY)
    return value


class TurnIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    role: Literal["user", "assistant"]
    content: str


class ChatFilters(BaseModel):
    """Equality filters on chunk metadata."""

    model_config = ConfigDict(extra="forbid", strict=True)

    source: str | None = Field(None, description="Document id, e.g. `posts/tendencias.md`.")
    lang: str | None = Field(None, description="Language code, e.g. `es`.")

    def as_dict(self) -> dict[str, str] | None:
        chosen = {key: value for key, value in self.model_dump().items() if value}
        return chosen or None


class RetrieveRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        strict=True,  # no silent coercion: `"top_k": "3"` or `"stream": 0` are refused
        json_schema_extra={"examples": [{"question": EXAMPLE_QUESTION, "top_k": 3}]},
    )

    question: str = Field(
        description="The question, in Spanish or English.", json_schema_extra=NOT_BLANK_SCHEMA
    )
    filters: ChatFilters | None = None
    top_k: int | None = Field(
        None, ge=1, le=50, description="Passages to use (default: RAG_TOP_K)."
    )

    _question_not_blank = field_validator("question")(not_blank)


class ChatRequest(RetrieveRequest):
    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={
            "examples": [
                {"question": EXAMPLE_QUESTION},
                {
                    "question": "¿Y por qué importa?",
                    "history": [
                        {"role": "user", "content": EXAMPLE_QUESTION},
                        {"role": "assistant", "content": "Es entrenar un modelo pequeño..."},
                    ],
                    "stream": True,
                },
            ]
        },
    )

    history: list[TurnIn] = Field(default_factory=list, description="Earlier turns, oldest first.")
    stream: bool = Field(False, description="Answer as Server-Sent Events.")


class CitationOut(BaseModel):
    n: int = Field(description="The [n] marker used in the answer.")
    source: str
    title: str
    chunk_id: str
    start: int = Field(description="Character offset of the quote in the document.")
    end: int
    quote: str = Field(description="The supporting sentence, verbatim from the document.")


class PassageOut(BaseModel):
    source: str
    chunk_id: str
    score: float
    text: str


class ChatResponse(BaseModel):
    """The same fields as `rag ask --json`; also the data of the final SSE event."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "answer": "La destilación entrena un modelo pequeño [1].",
                    "mode": "generated",
                    "support": 0.82,
                    "citations": [
                        {
                            "n": 1,
                            "source": "posts/tendencias-modelos-generativos.md",
                            "title": "Tendencias en el desarrollo de modelos generativos",
                            "chunk_id": "3f2a…",
                            "start": 1200,
                            "end": 1290,
                            "quote": "La destilación de modelos consiste en…",
                        }
                    ],
                    "passages": [],
                    "timings": {"retrieve_ms": 35.2, "generate_ms": 812.4, "verify_ms": 4.1},
                }
            ]
        }
    )

    answer: str
    mode: Literal["generated", "extractive", "abstained"] = Field(
        description="generated: a verified answer; extractive: quotes from the sources; "
        "abstained: the documents do not say."
    )
    support: float = Field(description="How well the passages support the answer, 0 to 1.")
    citations: list[CitationOut]
    passages: list[PassageOut]
    timings: dict[str, float] = Field(description="Milliseconds per stage.")


class TokenEvent(BaseModel):
    """Data of one `token` SSE event."""

    text: str


class RetrieveResponse(BaseModel):
    passages: list[PassageOut]
