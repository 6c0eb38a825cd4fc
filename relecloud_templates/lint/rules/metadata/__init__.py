"""Lint rules: metadata."""
