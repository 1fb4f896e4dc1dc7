"""Named crash points for the crash-safety tests.

A test sets `RAG_INGEST_FAULT=<name>` on a real `rag ingest` subprocess, which then
SIGKILLs itself at that step: the narrow windows between two writes (Chroma written,
records not yet; chunks deleted, records not yet) are hit every time instead of by
luck. Unset, each point costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal

FAULT_ENV = "RAG_INGEST_FAULT"
AFTER_CHROMA_WRITE = "after_chroma_write"  # first slice upserted, records not updated
AFTER_RECORDS = "after_records"  # index() done, metadata and catalogue not yet
AFTER_CHROMA_DELETE = "after_chroma_delete"  # chunks deleted, records still there
AFTER_FIRST_GROUP = "after_first_group"  # one group complete, the rest not started


def fault_point(name: str) -> None:
    if os.environ.get(FAULT_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
