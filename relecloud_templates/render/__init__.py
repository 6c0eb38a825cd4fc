"""Rendering: Jinja2 service modules -> one ARM template and parameters file per unit -> files on disk."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from relecloud_templates.render.output import RenderedEstate, render_files  # noqa: F401


def __getattr__(name: str) -> Any:
    """``render_files`` and ``RenderedEstate`` load the renderer when first asked for: validate imports modules of
    this package (plan.json's record, the data paths of a rendered estate) and never renders."""
    if name in ("RenderedEstate", "render_files"):
        from relecloud_templates.render import output

        return getattr(output, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
