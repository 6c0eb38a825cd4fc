"""E1005: resourceId()-family calls have one resource type and one name per type segment."""

from relecloud_templates.arm import expressions as ex
from relecloud_templates.arm.evaluate import Evaluator
from relecloud_templates.arm.vocabulary import RESOURCE_ID_FUNCTIONS, is_resource_type
from relecloud_templates.lint.rule import Rule, RuleContext

# arguments allowed before the type: (subscriptionId, resourceGroupName) / (subscriptionId) / (managementGroup)
LEADING = {"resourceid": 2, "subscriptionresourceid": 1, "tenantresourceid": 0, "managementgroupresourceid": 1,
           "extensionresourceid": 1}


class ResourceIdConstruction(Rule):
    id = "E1005"
    name = "resource-id-construction"
    description = "resourceId() and its relatives get exactly one resource type and one name per type segment."
    explanation = """`resourceId('Microsoft.Network/virtualNetworks/subnets', vnet, subnet)` needs one name for each
segment of the type after the namespace: two here. ARM fails a call with too few or too many names ("requires
2 resource name argument(s)"), with a name containing '/', or with more than one multi-segment argument, and
the error names neither the file nor the line. `extensionResourceId` takes the parent resource ID first.

Equivalents: ARM-TTK Resources-Should-Not-Be-Ambiguous (disabled upstream); ARM's own template validation."""

    def check(self, ctx: RuleContext) -> None:
        for site, tree in ctx.expressions(with_functions=False):
            for node in ex.walk(tree):
                if isinstance(node, ex.Call) and node.namespace is None and node.lower_name in RESOURCE_ID_FUNCTIONS:
                    problem = _problem(node, site.template.evaluator)
                    if problem:
                        ctx.report(site.path, problem, offset=node.start)


def _problem(call: ex.Call, evaluator: Evaluator) -> str | None:
    args = list(call.args)
    if call.lower_name == "extensionresourceid":
        args = args[1:]
    values = [evaluator.evaluate_node(a) for a in args]
    typed = [i for i, v in enumerate(values) if is_resource_type(v)]
    if not typed:
        return None
    if len(typed) > 1:
        extra = values[typed[1]]
        return (f"{call.name}() has more than one multi-segment argument ('{values[typed[0]]}' and '{extra}'); "
                "names must not contain '/'")
    index = typed[0]
    if index > LEADING[call.lower_name]:
        return None  # leading arguments we cannot see through; ARM would say more
    type_ = values[index]
    expected = type_.strip("/").count("/")
    names = values[index + 1:]
    for value in names:
        if isinstance(value, str) and "/" in value:
            return f"{call.name}(): the name '{value}' contains '/'; pass each segment as its own argument"
    if len(names) != expected:
        return (f"{call.name}() for type '{type_}' needs {expected} name argument{'s' if expected != 1 else ''}, "
                f"got {len(names)}")
    return None
