"""Settings real-model tests share."""

# Tests that read generated text pin llama.cpp's threads: the default follows the
# machine's load, and a verdict must not.
LLM_THREADS = 2
