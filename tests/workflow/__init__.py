"""Tests of how relecloud fits a workflow: terminal output, init, CI recipes, pre-commit hooks."""
