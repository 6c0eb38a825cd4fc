"""The template model: what a deployment template declares, where, and in which expression scope.

``build_template(document)`` turns a parsed template (``LocatedDict`` from ``arm.jsonpos``, or plain dicts)
into a ``Template``: its parameters, variables, user-defined functions, outputs, its resources (classic
``resources`` arrays with inline children, or ``languageVersion`` 2.0 symbolic names) and its inline nested
deployments, each a ``Template`` of its own with an inner or outer expression scope. Every template string
that is an expression is recorded once as a ``Site`` (path, text, owning template, user-defined function), so
rules never walk the document again. Nothing here raises on odd input: a section of the wrong shape reads as
empty, and the structure rules report it.

Paths are tuples of keys and list indexes from the file root; ``located.pos_at_path`` turns them into lines.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from relecloud_templates.arm import expressions as ex
from relecloud_templates.arm.evaluate import Evaluator, LazyValues, parse_cached
from relecloud_templates.arm.values import MISSING, UNKNOWN, get_ci
from relecloud_templates.arm.vocabulary import DEPLOYMENTS, SCHEMA_SCOPES, SCOPES, schema_scope

__all__ = ["DEPLOYMENTS", "SCHEMA_SCOPES", "SCOPES", "Path", "Resource", "Site", "Template", "build_template",
           "schema_scope"]

Path = tuple[str | int, ...]  # keys and indexes from the document root


@dataclass(eq=False)
class Site:
    """One expression string in a template."""

    path: Path
    text: str
    template: Template  # the template whose document holds the string
    function: str | None = None  # qualified name of the user-defined function whose body holds it

    @property
    def tree(self) -> Any:
        """The syntax tree, or the ExpressionSyntaxError."""
        return parse_cached(self.text)

    @property
    def symbols(self) -> Template:
        """The template whose parameters and variables this expression sees."""
        return self.template.symbols


@dataclass(eq=False)
class Resource:
    node: dict[str, Any]
    path: Path
    template: Template
    parent: Resource | None = None
    symbolic_name: str | None = None
    type: str | None = None  # full type (parent segments included) when known
    name: Any = UNKNOWN  # full name when known (a str), else UNKNOWN
    written_name: Any = None  # full name as a template string (inline children joined to their parent's)
    nested: Template | None = None  # the inline template of a Microsoft.Resources/deployments resource
    children: list[Resource] = field(default_factory=list)
    # what its dependsOn entries resolve to (``graph.dependencies``), computed once for the rules that ask
    resolved_dependencies: list[Any] | None = field(default=None, repr=False)
    _deployed: tuple[Any, ...] | None = field(default=None, init=False, repr=False)

    @property
    def type_lower(self) -> str:
        return (self.type or "").lower()

    @property
    def api_version(self) -> Any:
        return get_ci(self.node, "apiVersion", None)  # property names are case-insensitive in ARM

    @property
    def is_deployment(self) -> bool:
        return self.type_lower == DEPLOYMENTS

    @property
    def existing(self) -> bool:
        return self.node.get("existing") is True

    @property
    def copy(self) -> dict[str, Any] | None:
        copy = self.node.get("copy")
        return copy if isinstance(copy, dict) else None

    @property
    def label(self) -> str:
        """How messages name the resource."""
        if isinstance(self.name, str):
            name = f"'{self.name}'"
        elif self.symbolic_name:
            name = f"'{self.symbolic_name}'"
        else:
            written = self.node.get("name")
            name = written if isinstance(written, str) else "(unnamed)"
        return f"{self.type or 'resource'} {name}"

    def value(self, *path: str | int) -> Any:
        """The evaluated value at ``path`` below the resource: MISSING when not written, UNKNOWN when not known.

        Raw JSON is followed as long as it is written literally; where an expression stands in the way (e.g.
        ``"properties": "[variables('props')]"``), it is evaluated and the rest of the path is read from the
        result, case-insensitively as ARM does."""
        current: Any = self.node
        evaluated = False
        for step in path:
            if not evaluated and isinstance(current, str) and ex.is_expression(current):
                current = self.template.evaluator.evaluate(current)
                evaluated = True
            if current is UNKNOWN:
                return UNKNOWN
            if isinstance(current, dict) and isinstance(step, str):
                current = get_ci(current, step)
                if current is MISSING:
                    return MISSING
            elif isinstance(current, list) and isinstance(step, int) and 0 <= step < len(current):
                current = current[step]
            else:
                return MISSING if current is not UNKNOWN else UNKNOWN
        return current if evaluated else self.template.evaluator.evaluate(current)

    def raw(self, *path: str | int) -> Any:
        """The value as written at ``path`` (MISSING when absent), without evaluation."""
        current: Any = self.node
        for step in path:
            if isinstance(current, dict) and isinstance(step, str):
                current = get_ci(current, step)
            elif isinstance(current, list) and isinstance(step, int) and 0 <= step < len(current):
                current = current[step]
            else:
                return MISSING
            if current is MISSING:
                return MISSING
        return current

    def path_of(self, *path: str | int) -> Path:
        """The file path of a property below this resource, with keys spelled as written."""
        result = list(self.path)
        current: Any = self.node
        for step in path:
            if isinstance(current, dict) and isinstance(step, str):
                written = next((k for k in current if isinstance(k, str) and k.lower() == step.lower()), step)
                result.append(written)
                current = current.get(written)
            else:
                result.append(step)
                current = (
                    current[step]
                    if isinstance(current, list) and isinstance(step, int) and 0 <= step < len(current)
                    else None
                )
        return tuple(result)

    @property
    def condition(self) -> Any:
        """True, False or UNKNOWN: whether the resource's own ``condition`` holds (True when it has none)."""
        if "condition" not in self.node:
            return True
        value = self.template.evaluator.evaluate(self.node["condition"])
        if isinstance(value, bool):
            return value
        return UNKNOWN

    @property
    def deployed(self) -> Any:
        """False when the resource is certainly not deployed (its own condition, an inline parent's, or a
        holding nested deployment's is false); True when certainly deployed; UNKNOWN otherwise."""
        if self._deployed is None:  # every rule asks, through RuleContext.resources(); the answer does not change
            self._deployed = (self._find_deployed(),)
        return self._deployed[0]

    def _find_deployed(self) -> Any:
        result: Any = True
        for holder in self.holders():
            condition = holder.condition
            if condition is False:
                return False
            if condition is UNKNOWN:
                result = UNKNOWN
        if self.copy is not None:
            count = self.template.evaluator.evaluate(self.copy.get("count", MISSING))
            if count == 0 and not isinstance(count, bool):
                return False
        return result

    def holders(self) -> Iterator[Resource]:
        """This resource, its inline parents, and the nested deployments that hold its template."""
        resource: Resource | None = self
        while resource is not None:
            node: Resource | None = resource
            while node is not None:
                yield node
                node = node.parent
            resource = resource.template.deployment


@dataclass(eq=False)
class Template:
    node: dict[str, Any]
    path: Path = ()
    parent: Template | None = None
    deployment: Resource | None = None  # the nested deployment resource that holds this template
    expression_scope: str | None = None  # None for the root; "inner" or "outer" for nested templates
    scope: str = "resourceGroup"  # the deployment scope (resourceGroup, subscription, managementGroup, tenant)
    parameters: dict[str, Any] = field(default_factory=dict)
    variables: dict[str, Any] = field(default_factory=dict)
    outputs: dict[str, Any] = field(default_factory=dict)
    functions: dict[str, Any] = field(default_factory=dict)  # lower qualified name -> (member declaration, path)
    resources: list[Resource] = field(default_factory=list)  # every resource, inline children included
    nested: list[Template] = field(default_factory=list)
    evaluator: Evaluator = field(init=False)
    _type_index: tuple[Any, ...] | None = field(default=None, init=False, repr=False)
    _sites: list[Site] | None = field(default=None, init=False, repr=False)
    # nested templates' paths: not its sites
    _nested_paths: set[Path] = field(default_factory=set, init=False, repr=False)

    @property
    def sites(self) -> list[Site]:
        """Every expression string of this template's own part of the document (its nested templates have their
        own), in document order. Collected when first asked for: a model built to look at resources alone (the
        data paths of a rendered estate, the placeholder model of W1016 that adopts them) never walks every string."""
        if self._sites is None:
            self._sites = []
            _collect_sites(self, self.node, self.path, self._nested_paths)
        return self._sites

    @property
    def symbols(self) -> Template:
        """The template whose parameters, variables and functions expressions in this one see."""
        template = self
        while template.expression_scope == "outer" and template.parent is not None:
            template = template.parent
        return template

    @property
    def language_version(self) -> str | None:
        version = self.node.get("languageVersion")
        return version if isinstance(version, str) else None

    @property
    def symbolic(self) -> bool:
        return isinstance(self.node.get("resources"), dict)

    def parameter(self, name: str) -> Any:
        """The declaration of parameter ``name`` (case-insensitive), or None."""
        found = get_ci(self.parameters, name)
        return None if found is MISSING else found

    @property
    def variable_loops(self) -> list[dict[str, Any]]:
        """The loops of the variables section's ``copy`` that declare a variable (each has a string name)."""
        loops = self.variables.get("copy")
        if not isinstance(loops, list):
            return []
        return [loop for loop in loops if isinstance(loop, dict) and isinstance(loop.get("name"), str)]

    def variable_declared(self, name: str) -> bool:
        if name.lower() != "copy" and get_ci(self.variables, name) is not MISSING:
            return True
        return any(loop["name"].lower() == name.lower() for loop in self.variable_loops)

    def resources_by_type(self) -> tuple[dict[str, list[Resource]], bool]:
        """This template's resources by lower-case type, and whether the type of any of them is unknown.

        Resolving a ``dependsOn`` entry looks resources up by type; scanning them all for every entry made
        large templates quadratic. Built when first asked, again if resources were added since."""
        if self._type_index is None or self._type_index[2] != len(self.resources):
            by_type: dict[str, list[Resource]] = {}
            for resource in self.resources:
                by_type.setdefault(resource.type_lower, []).append(resource)
            self._type_index = (by_type, any(r.type is None for r in self.resources), len(self.resources))
        return self._type_index[0], self._type_index[1]

    def function(self, qualified_name: str) -> dict[str, Any] | None:
        found = self.functions.get(qualified_name.lower())
        return found[0] if found else None

    def walk(self) -> Iterator[Template]:
        """This template and every nested one, depth first, in document order."""
        yield self
        for nested in self.nested:
            yield from nested.walk()

    def all_resources(self) -> Iterator[Resource]:
        for template in self.walk():
            yield from template.resources

    def find_resources(self, type_: str) -> list[Resource]:
        lowered = type_.lower()
        return [r for r in self.resources if r.type_lower == lowered]


# ---------------------------------------------------------------------------------------------------------
# Building


def _section(node: dict[str, Any], key: str, kind: type) -> Any:
    value = node.get(key)
    return value if isinstance(value, kind) else kind()


def build_template(
    document: Any,
    parameter_values: Mapping[str, Any] | None = None,
    *,
    context: Mapping[str, Any] | None = None,
    path: Path = (),
    parent: Template | None = None,
    deployment: Resource | None = None,
) -> Template:
    """The model of the template ``document`` (a dict). ``parameter_values`` are known values supplied from
    outside (a parameters file), by name; they win over the declared defaults. ``context`` gives what the
    argument-less deployment functions return where the deployment is known (``{"subscription":
    {"subscriptionId": ...}, "environment": {...}}``); nested deployments inherit it, less what they change
    (a deployment to another subscription or resource group)."""
    node = document if isinstance(document, dict) else {}
    template = Template(node=node, path=path, parent=parent, deployment=deployment)
    if deployment is not None:
        template.expression_scope = _expression_scope(deployment)
        # where a nested template deploys is the deployment's choice; its $schema says nothing about it
        template.scope = _nested_scope(parent, deployment)
    else:
        template.scope = schema_scope(node.get("$schema")) or "resourceGroup"
    template.parameters = _section(node, "parameters", dict)
    template.variables = _section(node, "variables", dict)
    template.outputs = _section(node, "outputs", dict)
    template.functions = _functions(node, path)
    if template.expression_scope == "outer":
        template.evaluator = template.symbols.evaluator
    elif deployment is not None:
        template.evaluator = Evaluator(template, lambda: _deployment_parameters(deployment), context)
    else:
        template.evaluator = Evaluator(template, parameter_values or {}, context)

    resources = node.get("resources")
    nested_paths = template._nested_paths
    if isinstance(resources, list):
        for i, item in enumerate(resources):
            _add_resource(template, item, path + ("resources", i), None, None, nested_paths)
    elif isinstance(resources, dict):
        for symbolic, item in resources.items():
            _add_resource(template, item, path + ("resources", symbolic), None, symbolic, nested_paths)
    return template


def adopt_sites(model: Template, like: Template) -> None:
    """Give ``model`` the expression sites of ``like``, a model of the same document (built with other values: the
    structure of templates and resources does not depend on values), rather than walking the document again."""
    for target, source in zip(model.walk(), like.walk()):
        if target._sites is None and target.path == source.path:
            target._sites = [Site(site.path, site.text, target, site.function) for site in source.sites]


def _expression_scope(deployment: Resource) -> str:
    options = deployment.raw("properties", "expressionEvaluationOptions")
    scope = options.get("scope") if isinstance(options, dict) else None
    if isinstance(scope, str) and scope.lower() == "inner":
        return "inner"
    return "outer"


def target_scope(deployment: Resource, outer: str | None = None) -> str:
    """The scope a Microsoft.Resources/deployments resource deploys at (inline template or linked), from what
    it targets; ``outer`` is the scope of the template that declares it (by default, as the model has it)."""
    if outer is None:
        outer = deployment.template.scope
    node = deployment.node
    has = {k.lower() for k in node if isinstance(k, str)}
    if "resourcegroup" in has:
        return "resourceGroup"
    if "subscriptionid" in has:
        # from a resource group, a deployment given only a subscription targets the resource group of the same
        # name there, unless it has a location (a subscription deployment)
        return "resourceGroup" if outer == "resourceGroup" and "location" not in has else "subscription"
    scope = node.get("scope")
    if isinstance(scope, str):
        lowered = scope.lower()
        if "managementgroup" in lowered:
            return "managementGroup"
        if "tenant()" in lowered or lowered == "/":
            return "tenant"
    return outer


def _nested_scope(parent: Template | None, deployment: Resource) -> str:
    """The scope a nested deployment deploys at, from where it is declared and what it targets."""
    return target_scope(deployment, parent.scope if parent is not None else "resourceGroup")


def _functions(node: dict[str, Any], path: Path) -> dict[str, Any]:
    found: dict[str, Any] = {}
    sections = node.get("functions")
    if not isinstance(sections, list):
        return found
    for i, section in enumerate(sections):
        if not isinstance(section, dict):
            continue
        namespace, members = section.get("namespace"), section.get("members")
        if not isinstance(namespace, str) or not isinstance(members, dict):
            continue
        for name, member in members.items():
            if isinstance(member, dict):
                found[f"{namespace}.{name}".lower()] = (member, path + ("functions", i, "members", name))
    return found


def _join_type(parent: Resource | None, own: Any) -> str | None:
    if not isinstance(own, str) or ex.is_expression(own):
        return None
    if parent is None or not _is_relative_type(own):
        return own
    return f"{parent.type}/{own}" if parent.type else None


def _is_relative_type(resource_type: str) -> bool:
    """An inline child's type relative to its parent (``subnets``), not a full one (``Microsoft.X/y/subnets``)."""
    return "." not in resource_type.split("/", 1)[0]


def _join_written_name(parent: Resource | None, own: Any, raw_type: Any, full_name: Any) -> Any:
    """The full name of a resource as a template string: an inline child's relative name joined to its
    parent's, ``[format('{0}/{1}', parent, child)]`` when either is an expression."""
    if parent is None or not isinstance(own, str) or not isinstance(parent.written_name, str):
        return own
    if isinstance(raw_type, str) and not _is_relative_type(raw_type):
        return own
    if isinstance(full_name, str) and not ex.is_expression(own) and full_name == ex.literal_value(own):
        return own  # written as the full name already
    parts = [ex.tree_of(text) or ex.StringLit(ex.literal_value(text), 0, 0) for text in (parent.written_name, own)]
    literals = [p.value for p in parts if isinstance(p, ex.StringLit)]
    if len(literals) == 2:
        joined = "/".join(literals)
        return "[" + joined if ex.is_expression(joined) else joined
    return "[" + ex.to_text(ex.Call("format", (ex.StringLit("{0}/{1}", 0, 0), *parts), 0, 0)) + "]"


def _join_name(parent: Resource | None, own: Any, full_type: str | None) -> Any:
    if not isinstance(own, str):
        return UNKNOWN
    if parent is None:
        return own
    expected = full_type.count("/") if full_type else None
    if expected is not None and own.count("/") + 1 >= expected:
        return own  # already the full name
    if not isinstance(parent.name, str):
        return UNKNOWN
    return f"{parent.name}/{own}"


def _add_resource(
    template: Template, item: Any, path: Path, parent: Resource | None, symbolic: str | None, nested_paths: set[Any]
) -> None:
    if not isinstance(item, dict):
        return
    resource = Resource(node=item, path=path, template=template, parent=parent, symbolic_name=symbolic)
    raw_type = get_ci(item, "type", None)  # ARM reads "Type" and "apiversion" as well
    if isinstance(raw_type, str) and ex.is_expression(raw_type):
        evaluated = template.evaluator.evaluate(raw_type)
        raw_type = evaluated if isinstance(evaluated, str) else None
    resource.type = _join_type(parent, raw_type)
    name = get_ci(item, "name", None)
    if isinstance(name, str) and ex.is_expression(name):
        name = template.evaluator.evaluate(name) if "copy" not in item else UNKNOWN
        name = name if isinstance(name, str) else UNKNOWN
    elif isinstance(name, str):
        name = ex.literal_value(name)
    resource.name = _join_name(parent, name, resource.type)
    resource.written_name = _join_written_name(
        parent, get_ci(item, "name", None), get_ci(item, "type", None), resource.name
    )
    template.resources.append(resource)
    if parent is not None:
        parent.children.append(resource)
    if resource.is_deployment:
        properties = item.get("properties")
        inner = properties.get("template") if isinstance(properties, dict) else None
        if isinstance(inner, dict):
            nested_path = path + ("properties", "template")
            nested_paths.add(nested_path)
            resource.nested = build_template(inner, path=nested_path, parent=template, deployment=resource,
                                             context=_nested_context(template.evaluator.context, resource))
            template.nested.append(resource.nested)
    children = item.get("resources")
    if isinstance(children, list):
        for i, child in enumerate(children):
            _add_resource(template, child, path + ("resources", i), resource, None, nested_paths)


def _nested_context(outer: Mapping[str, Any], deployment: Resource) -> dict[str, Any]:
    """The deployment context of a nested deployment's template: the outer one, with the subscription and
    resource group the deployment targets instead where it names them (dropped where they are not known)."""
    context = dict(outer)
    subscription, group = deployment.raw("subscriptionId"), deployment.raw("resourceGroup")
    if subscription is not MISSING:
        context.pop("subscription", None)
        context.pop("resourcegroup", None)  # a deployment to a subscription has none, unless it names one
        value = deployment.template.evaluator.evaluate(subscription)
        if isinstance(value, str):
            context["subscription"] = {"subscriptionId": value}
    if group is not MISSING:
        context.pop("resourcegroup", None)
        value = deployment.template.evaluator.evaluate(group)
        if isinstance(value, str):
            context["resourcegroup"] = {"name": value}
    return context


def _deployment_parameters(deployment: Resource) -> Mapping[str, Any]:
    """The values an inner-scope nested deployment passes to its template (by lower-case name), each evaluated in
    the outer scope when the template first reads it: a module is often passed more than it reads."""
    params = deployment.raw("properties", "parameters")
    outer = deployment.template.evaluator
    in_loop = deployment.copy is not None
    if isinstance(params, str):
        params = outer.evaluate(params) if not in_loop else UNKNOWN
    if not isinstance(params, dict):
        return {}

    def value(entry: Any) -> Any:
        if not isinstance(entry, dict) or "value" not in entry:
            return UNKNOWN  # a Key Vault reference or a malformed entry: known only at deployment
        if in_loop and "copyindex" in str(entry["value"]).lower():
            return UNKNOWN  # copyIndex() in the values differs per copy; only loop-independent values are kept
        return outer.evaluate(entry["value"])

    return LazyValues({name.lower(): entry for name, entry in params.items() if isinstance(name, str)}, value)


def _collect_sites(template: Template, node: Any, path: Path, nested_paths: set[Any]) -> None:
    """Append the expression sites of ``node`` (the template's document) to ``template._sites``, in document order,
    leaving out its nested templates (``nested_paths``). Depth first over one iterator per open container, the
    path kept in one list: a path tuple is made for each site only, not for every container of the document."""
    sites = template._sites
    assert sites is not None
    nested = {id(inner.node): inner.path for inner in template.nested}  # what nested_paths holds, by node
    functions_path = [*path, "functions"]
    members_depth = len(functions_path) + 2  # the members of a functions section: functions[i].members
    here = list(path)
    # per open container: its items, the function its strings belong to, whether it is a functions' members table
    levels: list[tuple[Iterator[tuple[Any, Any]], str | None, bool]] = [(iter(node.items()), None, False)]
    while levels:
        items, function, members = levels[-1]
        for key, child in items:
            if isinstance(child, str):
                # ex.is_expression, written out: it is asked of every string of the file
                if len(child) >= 2 and child[0] == "[" and child[-1] == "]" and child[1] != "[":
                    owner = _function_name(template, (*here, key)) if members else function
                    sites.append(Site((*here, key), child, template, owner))
                continue
            if isinstance(child, dict):
                if id(child) in nested and (*here, key) in nested_paths:
                    continue
                owner = _function_name(template, (*here, key)) if members else function
                here.append(key)
                levels.append((iter(child.items()), owner,
                               owner is None and len(here) == members_depth and here[:-2] == functions_path))
                break
            if isinstance(child, list):
                owner = _function_name(template, (*here, key)) if members else function
                here.append(key)
                levels.append((iter(enumerate(child)), owner, False))
                break
        else:
            levels.pop()
            if levels:
                here.pop()


def _function_name(template: Template, member_path: Path) -> str | None:
    for qualified, (_, declared_path) in template.functions.items():
        if declared_path == member_path:
            return qualified
    return None
