"""Processes for tests and benchmarks on loopback."""
