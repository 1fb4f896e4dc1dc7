"""Offline evaluation: `rag eval` and the metrics, runner and reports behind it.

Modules: `datasets` (project JSONL and SQuAD loading, sampling), `metrics` (pure scoring
functions), `grounding` (sentence-level faithfulness and ALCE-style citation scores),
`workspace` (the isolated corpus a SQuAD file is ingested into), `runner` (asks every
question), `aggregate` (records to metrics), `report` / `html` (outputs, gate, compare).
"""
