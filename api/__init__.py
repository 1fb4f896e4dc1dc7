"""The HTTP API and web page. The only layer that imports FastAPI."""
