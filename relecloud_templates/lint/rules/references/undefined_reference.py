"""E1002: parameters(), variables() and user-defined functions refer to something declared."""

from relecloud_templates.arm import expressions as ex
from relecloud_templates.arm.graph import symbol_uses
from relecloud_templates.arm.template import Site, Template
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.suggest import did_you_mean


class UndefinedReference(Rule):
    id = "E1002"
    name = "undefined-reference"
    description = "parameters('x'), variables('x') and ns.fn() name a declared parameter, variable or function."
    explanation = """An expression that names a parameter, variable or user-defined function the template does not
declare fails the deployment ("The template parameter 'x' is not found"). The finding points at the name in
the expression and suggests the closest declared one. Inside a user-defined function only its own
parameters are visible, and `variables()` cannot be used at all. A name declared only in the outer template
of an inner-scope nested deployment is reported by E1007 instead.

Equivalents: cfn-lint E1020 (Ref), E1010 (GetAtt); Bicep BCP057; ARM-TTK (none)."""

    def check(self, ctx: RuleContext) -> None:
        for site, tree in ctx.expressions():
            symbols = site.symbols
            for name, call in symbol_uses(tree, "parameters"):
                if site.function is not None:
                    declared = _function_parameters(symbols, site)
                    if name.lower() not in {d.lower() for d in declared}:
                        ctx.report(site.path, f"function {site.function} has no parameter '{name}'",
                                   offset=call.start, hint=did_you_mean(name, declared))
                elif symbols.parameter(name) is None and not declared_outside(symbols, name, "parameters"):
                    ctx.report(site.path, f"parameter '{name}' is not declared", offset=call.args[0].start,
                               hint=did_you_mean(name, symbols.parameters))
            for name, call in symbol_uses(tree, "variables"):
                if site.function is not None:
                    ctx.report(site.path, "a user-defined function cannot use variables()", offset=call.start)
                elif not symbols.variable_declared(name) and not declared_outside(symbols, name, "variables"):
                    ctx.report(site.path, f"variable '{name}' is not declared", offset=call.args[0].start,
                               hint=did_you_mean(name, [k for k in symbols.variables if k != "copy"]))
            for node in ex.walk(tree):
                if (
                    isinstance(node, ex.Call)
                    and node.namespace is not None
                    and symbols.function(node.qualified_name) is None
                ):
                    known = list(symbols.functions)
                    ctx.report(site.path, f"function {node.qualified_name}() is not declared in this template",
                               offset=node.start, hint=did_you_mean(node.qualified_name.lower(), known))


def _function_parameters(symbols: Template, site: Site) -> list[str]:
    member = symbols.functions.get((site.function or "").lower(), ({}, None))[0]
    declared = member.get("parameters") if isinstance(member, dict) else None
    return [d["name"] for d in declared or [] if isinstance(d, dict) and isinstance(d.get("name"), str)]


def declared_outside(symbols: Template, name: str, section: str) -> bool:
    """Declared by an enclosing template: a scoping mistake, which E1007 reports."""
    outer = symbols.parent.symbols if symbols.parent is not None else None
    while outer is not None:
        if section == "parameters" and outer.parameter(name) is not None:
            return True
        if section == "variables" and outer.variable_declared(name):
            return True
        outer = outer.parent.symbols if outer.parent is not None else None
    return False
