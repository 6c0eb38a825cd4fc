"""W7010: a data path of a rendered estate without its grant, network path or approval."""

from __future__ import annotations

import json
from pathlib import Path

from relecloud_templates.fsutil import is_within, read_input
from relecloud_templates.lint.rule import Rule, RuleContext


class DataPathsComplete(Rule):
    id = "W7010"
    name = "data-path-complete"
    kinds = frozenset({"plan"})
    profiles = {"data-landing-zone": "error"}
    description = "Every data path of a rendered estate has a grant, a network path and an approval."
    explanation = """A rendered estate's `plan.json` lists its data paths (`access`): each integration writing its lake
container, each product reading another's, Purview scanning each lake, with the identity that moves the data
and the unit that renders each part. Data moves only when all three exist: a Storage Blob Data role on the
container for that identity (for a scan, on the account or its subscription), a network path from the engine
to the lake (a managed private endpoint, with Purview's managed virtual network runtime for a scan, a Machine
Learning outbound rule, or the lake's own private endpoint for engines injected into the network), and an
approval of that path (a data-plane step deploy performs, or a private endpoint approved at creation). The
rule reads the unit templates that `plan.json` names and reports each part it cannot find, at the path's
entry: an estate edited by hand, or rendered by a tool that lost a part, deploys cleanly and then moves no
data.

Equivalents: none of the other tools knows which identities must reach which data."""

    def check(self, ctx: RuleContext) -> None:
        plan = ctx.document
        if not isinstance(plan, dict) or not isinstance(plan.get("access"), list):
            return
        # imported here: it loads every service's specification, which only a plan with data paths needs
        from relecloud_templates.render.data_paths import missing_parts

        base = Path(ctx.path).parent
        templates: dict[str, object] = {}
        for unit in plan.get("units") or ():
            if isinstance(unit, dict) and isinstance(unit.get("template"), str) and isinstance(unit.get("name"), str):
                templates[str(unit["name"])] = _read(base, unit["template"])
        for missing in missing_parts(plan, templates):
            ctx.report(("access", missing.index), f"{missing.edge}: no {missing.part}: {missing.why}",
                       hint="render the estate again (`relecloud render`); a path edited out of a unit's template "
                            "leaves the data where it is")


def _read(base: Path, relative: str) -> object:
    path = base / relative
    if not is_within(path, base) or not path.is_file():
        return None
    try:
        return json.loads(read_input(path))
    except (OSError, ValueError):
        return None
