"""The files of one unit: main.bicep, its module files, and main.bicepparam when there are parameter values."""

from __future__ import annotations

from dataclasses import dataclass, field

from relecloud_templates.arm.template import build_template
from relecloud_templates.bicep.params import bicepparam_text
from relecloud_templates.bicep.template import ModuleFiles, api_version_index, notes_in, translate

MODULE_DIR = "modules/"


@dataclass(frozen=True)
class Note:
    """A construct with no faithful Bicep translation, marked by a ``// relecloud:`` comment at ``path:line``."""

    path: str
    line: int
    column: int
    message: str


@dataclass
class BicepOutput:
    files: dict[str, str] = field(default_factory=dict)  # relative path -> text, in a stable order
    notes: list[Note] = field(default_factory=list)


def emit_unit(template: dict, parameters: dict | None = None, stem: str = "main") -> BicepOutput:
    """Translate one ARM template (and optionally its deploymentParameters document) into Bicep files."""
    model = build_template(template)
    modules = ModuleFiles()
    main = translate(model, modules, api_version_index(model), MODULE_DIR)
    output = BicepOutput()
    output.files[f"{stem}.bicep"] = main.text
    for name in sorted(modules.files):
        output.files[MODULE_DIR + name] = modules.files[name]
    if parameters is not None:
        output.files[f"{stem}.bicepparam"] = bicepparam_text(f"{stem}.bicep", parameters, main.context,
                                                              model.parameters)
    for path, text in output.files.items():
        output.notes += [Note(path, line, column, message) for line, column, message in notes_in(text)]
    return output

