"""Lint rules: references."""
