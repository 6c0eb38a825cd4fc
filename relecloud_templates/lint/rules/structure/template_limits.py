"""E0004: the template stays within Azure Resource Manager's limits."""

from relecloud_templates.lint.rule import Rule, RuleContext

LIMITS = {"parameters": 256, "variables": 512, "outputs": 64}
MAX_RESOURCES = 800
MAX_COPY = 800
MAX_BYTES = 4 * 1024 * 1024
MAX_EXPRESSION = 24_576


class TemplateLimits(Rule):
    id = "E0004"
    name = "template-limits"
    description = ("At most 256 parameters, 512 variables, 64 outputs, 800 resources (copies counted), 4 MB, "
                   "24,576-character expressions.")
    explanation = """Azure Resource Manager refuses templates beyond its documented limits: 256 parameters, 512
variables, 64 outputs, 800 resources (including the copies of copy loops, counted where the count is known),
a copy count above 800, a template file above 4 MB, and an expression longer than 24,576 characters. Each
limit applies to every template, nested ones included.

Equivalents: Bicep max-params, max-variables (512 there too), max-outputs, max-resources; \
cfn-lint E1002/E2010/E3010/E6010;
PSRule Azure.Template.ExpressionLength."""

    def check(self, ctx: RuleContext) -> None:
        size = len(ctx.text.encode("utf-8"))
        if size > MAX_BYTES:
            ctx.report((), f"the template is {size / 1048576:.1f} MB; ARM accepts at most 4 MB")
        for template in ctx.templates():
            for section, limit in LIMITS.items():
                declared = getattr(template, section)
                if len(declared) > limit:
                    ctx.report(template.path + (section,), f"{len(declared)} {section}; ARM accepts at most {limit}")
            total = 0
            for resource in template.resources:
                copies = 1
                if resource.copy is not None:
                    count = template.evaluator.evaluate(resource.copy.get("count"))
                    if isinstance(count, int) and not isinstance(count, bool):
                        copies = count
                        if count > MAX_COPY or count < 0:
                            ctx.report(resource.path + ("copy", "count"),
                                       f"copy count {count}; ARM accepts 0 to {MAX_COPY}")
                total += max(copies, 0)
            if total > MAX_RESOURCES:
                ctx.report(template.path + ("resources",), f"{total} resources; ARM accepts at most {MAX_RESOURCES}")
            for site in template.sites:
                if len(site.text) > MAX_EXPRESSION:
                    ctx.report(
                        site.path, f"an expression of {len(site.text)} characters; ARM accepts at most {MAX_EXPRESSION}"
                    )
