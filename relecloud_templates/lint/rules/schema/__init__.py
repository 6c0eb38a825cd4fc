"""Lint rules: resources and deployment documents against the bundled Azure schemas (arm/schemacheck.py)."""
