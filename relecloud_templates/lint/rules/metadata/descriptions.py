"""I4001: parameters and outputs of a template say what they are for."""

from relecloud_templates.lint.rule import Rule, RuleContext


class Descriptions(Rule):
    id = "I4001"
    previous_ids = ("W4001",)
    name = "descriptions"
    default_enabled = False
    profiles = {"data-landing-zone": "warning"}
    description = "Every parameter and output of the top-level template has a metadata.description."
    explanation = """The person deploying a template sees its parameters in the portal, in `az deployment`
prompts and in what-if output; `metadata.description` is the only place to tell them what a value means,
its unit, and what it changes. Outputs are read by the next stage of a pipeline, which needs the same. Only
the top-level template is judged: nested templates are implementation detail.

Equivalents: Bicep use-description-params and use-description-outputs (off by default there);
PSRule Azure.Template.ParameterMetadata, Azure.Template.UseDescriptions."""

    def check(self, ctx: RuleContext) -> None:
        template = ctx.template
        if template is None:
            return
        for section in ("parameters", "outputs"):
            for name, decl in getattr(template, section).items():
                if not isinstance(decl, dict):
                    continue
                metadata = decl.get("metadata")
                described = isinstance(metadata, dict) and isinstance(metadata.get("description"), str) \
                    and metadata["description"].strip()
                if not described:
                    ctx.report_key(
                        template.path + (section, name),
                        f"{section[:-1]} '{name}' has no metadata.description",
                        hint='add "metadata": {"description": "..."}',
                    )
