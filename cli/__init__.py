"""The `rag` command line: the one place that wires settings, ingest, api and evaluation."""
