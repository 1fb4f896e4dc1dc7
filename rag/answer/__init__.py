"""Answering: condense a follow-up, retrieve, gather evidence, prompt, verify."""
