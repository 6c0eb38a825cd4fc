"""Lint rules: landingzone."""
