"""Which embedding model a sync writes with, and `rag ingest --reindex`: re-embed every
document with the current model, in steps a crash cannot break.

The store's model record (rag/store.py) is the reindex's journal, written before each
step, and every sync reads it first:
1. DROPPING to model M: the catalogue, then the records and the sentence vectors, then
   the chunk collection are dropped. The catalogue goes first, so a document can never
   look ingested while its old chunks are being removed; the chunk collection is
   dropped and recreated, since Chroma fixes its dimension and M's may differ. A crash
   here: the next sync drops again.
2. FILLING with M: the drop is done; the sync ingests the whole corpus (its uploads are
   files in it too) with M. A crash here: the next sync, with or without --reindex,
   keeps what was filled (the catalogue says so) and ingests the rest.
3. READY with M, written after the sync's last write.
Until step 3, queries refuse with a line that says to run `rag ingest --reindex`.
"""

from __future__ import annotations

from ingest.catalogue import CATALOGUE, RECORDS
from rag.answer.sentence_vectors import SENTENCES_KIND
from rag.components import Components
from rag.embedder import EmbedderIdentity
from rag.model_check import check_model
from rag.store import ModelRecord, ModelState, Store

# Side collections derived from the chunks, in the order they are dropped: the
# sentence vectors are the old model's too.
DERIVED = (CATALOGUE, RECORDS, SENTENCES_KIND)


def writes_as_reindex(components: Components, reindex: bool) -> bool:
    """Before a sync writes (lock held): True if it must ingest the whole corpus as a
    reindex with the current model, dropping first when that is still to do. Refuses
    (EmbeddingModelError) a collection another model embedded, unless asked to
    reindex."""
    store = components.store
    current = components.embedder.identity
    record = store.embedding_model()
    if record is not None and not record.complete:
        if record.identity == current and record.state is ModelState.FILLING:
            return True
        reindex = True  # unfinished: start again, towards the current model
    if not reindex:
        record = check_model(store, current)
        if record is None or record.identity == current:
            return False
        # An empty collection another model recorded: dropping it costs nothing and
        # frees the chunk collection's dimension for the current model.
    drop_for(store, current)
    return True


def drop_for(store: Store, target: EmbedderIdentity) -> None:
    """Steps 1 and 2: journal the reindex, drop everything derived, journal the fill."""
    store.record_embedding_model(ModelRecord(target, ModelState.DROPPING))
    for kind in DERIVED:
        entries = store.side_collection(kind)
        entries.delete(list(entries.keys()))
    store.reset_chunks()
    store.record_embedding_model(ModelRecord(target, ModelState.FILLING))


def finish(store: Store, target: EmbedderIdentity) -> None:
    """Step 3, after the whole corpus is written."""
    store.record_embedding_model(ModelRecord(target))
