"""The `rag` command line: the one place that wires settings, ingest, api and evaluation."""

import time

# When the command's own imports began: `rag -v` reports imports from here.
STARTED = time.perf_counter()
