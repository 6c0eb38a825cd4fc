"""The estate as a picture: Mermaid (plain or in Markdown), SVG, or a self-contained HTML page, drawn from the plan.

``draw`` gives one format as text; ``estate_files`` gives what ``render`` writes beside the templates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # render.publish reads RENDER_FILES in every validate of a rendered estate: the plan costs 0.1 s
    from relecloud_templates.diagram.model import EstateView
    from relecloud_templates.manifest.model import Manifest
    from relecloud_templates.plan.model import Plan

DIAGRAM_FORMATS = ("markdown", "mermaid", "svg", "html")
SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".mmd": "mermaid", ".mermaid": "mermaid", ".svg": "svg",
            ".html": "html", ".htm": "html"}
MARKER = "drawn by relecloud"  # every format carries it near its top: a file with it is relecloud's to overwrite
NOTICE = f"{MARKER} from the plan; regenerate it, do not edit"
RENDER_FILES = {"estate.md": "markdown", "estate.svg": "svg"}  # what render writes beside the templates


def title(manifest: Manifest) -> str:
    org = manifest.organization
    return f"{org.name} estate ({manifest.env or org.environment})"


def draw(plan: Plan, heading: str, output_format: str, *, focus: str | None = None,
         collapse: bool | None = None) -> str:
    """The diagram of ``plan`` in ``output_format`` (one of DIAGRAM_FORMATS). ``focus`` must name a landing zone."""
    from relecloud_templates.diagram.model import build_view

    return _drawn(build_view(plan, heading, focus=focus, collapse=collapse), output_format)


def _drawn(view: EstateView, output_format: str) -> str:
    if output_format == "markdown":
        from relecloud_templates.diagram.mermaid import markdown

        return markdown(view)
    if output_format == "mermaid":
        from relecloud_templates.diagram.mermaid import flowchart

        return flowchart(view)
    if output_format == "svg":
        from relecloud_templates.diagram.svg import render_svg

        return render_svg(view)
    if output_format == "html":
        from relecloud_templates.diagram.html import render_html

        return render_html(view)
    raise ValueError(f"unknown diagram format {output_format!r}; expected one of {', '.join(DIAGRAM_FORMATS)}")


def estate_files(manifest: Manifest, plan: Plan) -> dict[str, bytes]:
    """The estate's picture as ``render`` writes it: ``estate.md`` (Mermaid) and ``estate.svg``."""
    from relecloud_templates.diagram.model import build_view

    view = build_view(plan, title(manifest))  # one view drawn in both formats (the drawings do not change it)
    return {name: _drawn(view, fmt).encode("utf-8") for name, fmt in RENDER_FILES.items()}
