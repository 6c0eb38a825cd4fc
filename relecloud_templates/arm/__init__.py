"""The ARM template language: JSON with positions, expressions, the template model and evaluation.

Shared by render, lint, bicep and deploy; depends on no stage.
"""
