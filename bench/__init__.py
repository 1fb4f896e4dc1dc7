"""Benchmarks: each compares our path with the bare library in the same run."""
