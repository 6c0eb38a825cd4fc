"""E2004: a parameters file fits the template it belongs to."""

from relecloud_templates.arm.vocabulary import is_secure_declaration
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.parameters._matching import check_values


class ParameterFileMatchesTemplate(Rule):
    id = "E2004"
    name = "parameter-file-matches-template"
    description = (
        "A parameters file names only declared parameters, gives every required one, with values of the right type."
    )
    explanation = """The template of a parameters file is found through `metadata.template`, the file name
(`main.parameters.json` and `params.dev.json` -> `main.json`) or as the only template in the folder. Every
value must be for a declared parameter (ARM rejects unknown ones; a misspelling usually leaves the intended
parameter at its default), every parameter without a default must be given (unless the deployer adds it on
the command line: secure values usually are, so a missing secure parameter is not reported), and known values
must fit the declared type, allowed values and bounds.

Equivalents: PSRule Azure.Template.ParameterFile, Azure.Template.ParameterValue, Azure.Template.MetadataLink;
the Bicep compiler for .bicepparam files."""
    kinds = frozenset({"parameters"})

    def check(self, ctx: RuleContext) -> None:
        params = ctx.document.get("parameters")
        if ctx.template is None or not isinstance(params, dict):
            return
        template = ctx.template
        # secure values are supplied at deployment time, never written in a file
        secure = frozenset(k.lower() for k, d in template.parameters.items() if is_secure_declaration(d))
        check_values(template, params, lambda path, message, hint: ctx.report(path, message, hint=hint),
                     lambda name: ("parameters", name), ("parameters",),
                     f"this parameters file (for {ctx.template_path})", lambda value: value, secure)
