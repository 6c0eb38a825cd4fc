"""relecloud: render, lint and deploy Azure cloud-scale analytics estates from one manifest."""

__version__ = "0.1.0"
