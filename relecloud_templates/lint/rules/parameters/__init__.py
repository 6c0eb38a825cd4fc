"""Lint rules: parameters."""
