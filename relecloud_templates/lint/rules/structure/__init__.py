"""Lint rules: structure."""
