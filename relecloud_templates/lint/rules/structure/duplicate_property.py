"""W0012: the same property written twice in one object."""

from relecloud_templates.arm.jsonpos import has_no_repeated_keys
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.located import LocatedDict, LocatedList


class DuplicateProperty(Rule):
    id = "W0012"
    name = "duplicate-property"
    description = "A property name appears twice in one JSON object; only the last one counts."
    explanation = """JSON parsers, ARM's included, keep the last of two properties with the same name and drop the
first without a word. The first value, which someone wrote on purpose, silently has no effect. Merge the two
or delete the one that is not meant.

Equivalents: cfn-lint E0000 (duplicate keys in JSON); none of the Azure tools reports it."""
    kinds = frozenset({"template", "parameters"})

    def check(self, ctx: RuleContext) -> None:
        if has_no_repeated_keys(ctx.document):
            return  # nothing to walk for
        stack = [ctx.document]
        while stack:
            node = stack.pop()
            if isinstance(node, LocatedDict):
                for key, pos in node.duplicate_keys:
                    ctx.report_at(pos, f"property {key!r} is written more than once in this object; the last one wins")
                stack.extend(node.values())
            elif isinstance(node, (LocatedList, list)):
                stack.extend(node)
            elif isinstance(node, dict):
                stack.extend(node.values())
