"""Rendering: Jinja2 service modules -> one ARM template and parameters file per unit -> files on disk."""

from relecloud_templates.render.output import RenderedEstate, render_files  # noqa: F401
