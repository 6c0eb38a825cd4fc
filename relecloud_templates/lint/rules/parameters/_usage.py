"""Which parameters and variables of a template are used (shared by the unused-* rules)."""

from relecloud_templates.arm import expressions as ex
from relecloud_templates.arm.template import Template
from relecloud_templates.lint.rule import RuleContext


def unused(template: Template, section: str) -> list[str]:
    """Declared names of ``section`` ("parameters" or "variables") that no expression of the template's scope
    uses; empty when some expression computes the name (it could be any of them)."""
    used: set[str] = set()
    for scope_template in template.walk():
        if scope_template.symbols is not template:
            continue
        for site in scope_template.sites:
            tree = site.tree
            if site.function is not None or isinstance(tree, ex.ExpressionSyntaxError):
                continue
            for call in ex.calls(tree, section):
                if call.args and isinstance(call.args[0], ex.StringLit):
                    used.add(call.args[0].value.lower())
                else:
                    return []
    declared = getattr(template, section)
    names = []
    for name in declared:
        if section == "variables" and name == "copy" and isinstance(declared[name], list):
            for loop in declared[name]:
                loop_name = loop.get("name") if isinstance(loop, dict) else None
                if isinstance(loop_name, str) and loop_name.lower() not in used:
                    names.append(loop_name)
            continue
        if name.lower() not in used:
            names.append(name)
    return names


def report_unused(ctx: RuleContext, section: str) -> None:
    """Report the unused ``section`` entries of every template that has its own scope."""
    for template in ctx.templates():
        if template.symbols is not template:
            continue
        for name in unused(template, section):
            ctx.report_key(template.path + (section, name), f"{section[:-1]} '{name}' is never used",
                           hint="remove it, or use it")
