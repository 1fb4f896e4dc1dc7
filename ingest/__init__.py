"""Ingestion: load, clean, split, hash and sync documents into Chroma and the BM25 index."""
