"""Reads by resource ID that cross nested deployments: the race E1015 and W1016 report, found once per file.

A nested deployment's template can read, with ``reference()`` or a ``list*()`` function given a resource ID, a
resource that a *sibling* resource of the same outer template creates (inside its own nested deployment, or
itself). ARM orders the two only through the outer template's ``dependsOn``: without a path from the reader's
deployment to the creator, both run at once. Bicep writes that ``dependsOn`` when a module's parameter comes from
another module's outputs, but not when a module reads, through an ``existing`` declaration, a resource whose name
it is given as a plain string: the class these rules look for.

Both sides are reduced to a key: where the resource lives (subscription and resource group, as tokens that say
"the root deployment's own" when the file does not know them), its type and its full name. A read and a creation
match when their keys are equal. Keys are computed twice: from the model as the linter builds it (parameter
defaults and literals: a match is certain, E1015), and from a model in which every root parameter without a known
string value holds a placeholder of its own (a match then holds for the values the file leaves open, provided
no condition or function branches on them: likely, W1016).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from relecloud_templates.arm import expressions as ex
from relecloud_templates.arm.evaluate import parse_cached, taken_branches
from relecloud_templates.arm.graph import is_list_function
from relecloud_templates.arm.template import Resource, Template, adopt_sites, build_template, target_scope
from relecloud_templates.arm.values import MISSING, UNKNOWN
from relecloud_templates.arm.vocabulary import is_resource_type
from relecloud_templates.lint.rules.references.reference_race import _DependencyGraph, _is_own_scope
from relecloud_templates.lint.rules.references.unnecessary_dependson import _sites_by_resource

_ID_FUNCTIONS = ("resourceid", "subscriptionresourceid", "extensionresourceid")
_ROOT_SUBSCRIPTION = ("root", "subscription")
_ROOT_GROUP = ("root", "resourceGroup")
_MAX_PARAMETER_HOPS = 8  # an ID passed down through this many inner-scope deployments is still followed


@dataclass(frozen=True)
class CrossRead:
    """One read of a resource that a sibling of the reader's outer resource creates."""

    outer: Template  # the template that declares both
    reader: Resource  # the resource of ``outer`` whose deployment holds the read (or that reads itself)
    site: Any  # the expression site of the read (``arm.template.Site``)
    call: ex.Call  # the reference() / list*() call
    target: Resource  # the resource read
    creator: Resource  # the resource of ``outer`` that creates ``target`` (itself, or the deployment holding it)
    creator_waits: bool  # the creator depends on the reader: the read always runs first


def cross_reads(root: Template, placeholders: bool = False, destinations: bool = False) -> list[CrossRead]:
    """The unordered cross-deployment reads of the file whose model is ``root``, matched on keys from the
    model itself (``placeholders=False``) or from one where open root parameters hold placeholders. With
    ``destinations``, the "reads" are instead the destinations diagnostic settings name (E1017)."""
    cache: dict[tuple[bool, bool], list[CrossRead]] = root.__dict__.setdefault("_cross_reads", {})
    key = (placeholders, destinations)
    if key not in cache:
        if not any(r.nested is not None for r in root.all_resources()):
            cache[key] = []
        elif placeholders and not destinations and _complete(root):
            cache[key] = cross_reads(root)  # the placeholder model would find these, or fewer (see _Gaps)
        elif placeholders:
            cache[key] = _in(root, _find(_placeholder_model(root), destinations))
        else:
            gaps = _Gaps()
            cache[key] = _find(root, destinations, gaps)
            root.__dict__.setdefault("_cross_reads_gaps", {})[destinations] = gaps.any()
    return cache[key]


class _Gaps:
    """Whether the model left a gap that placeholders could fill, where the placeholder model might find a read the
    model does not: a read whose resource ID it cannot compute, a matched pair whose dependency path it cannot tell,
    a resource of unknown type, or a creation it passes over because its name or scope is unknown, of a type that
    one of the reads names (or in a template where it matched nothing). Without one, the placeholder model finds no
    read the model does not: every value the model knows is the same with placeholders (they stand only for what it
    does not know), conditions and if() branches it decides it decides alike, so the placeholder model's readers
    are the model's or fewer, with the same keys, its creations the model's or fewer but for those passed over
    (whose types no read names), and its dependency graph has the model's edges or more. W1016 (placeholder reads
    the model does not find) is then empty, and the placeholder model, a second model of the whole file, is not
    built."""

    def __init__(self) -> None:
        self.found = False
        self.passed_over = 0  # creations passed over for an unknown name or scope
        self.passed_over_types: set[str] = set()
        self.read_types: set[str] = set()

    def any(self) -> bool:
        return self.found or not self.passed_over_types.isdisjoint(self.read_types)


def _complete(root: Template) -> bool:
    """The model of ``root`` left no gap (``_Gaps``) in finding its reads (found first, when not yet)."""
    cross_reads(root)
    gaps: dict[bool, bool] = root.__dict__.get("_cross_reads_gaps", {})
    if gaps.get(False, True):
        return False
    return all(r.type is not None for r in root.all_resources())  # an unknown type: is it a deployment?


def _find(root: Template, destinations: bool = False, gaps: _Gaps | None = None) -> list[CrossRead]:
    scopes = _Scopes(root)
    found: list[CrossRead] = []
    for outer in root.walk():
        if outer.deployment is not None and outer.deployment.deployed is False:
            continue
        members = [r for r in outer.resources if r.deployed is not False]
        if len(members) < 2 or not any(r.nested is not None for r in members):
            continue
        created: dict[tuple[Any, ...], list[tuple[Resource, Resource]]] = {}
        passed_over = gaps.passed_over if gaps is not None else 0
        for member in members:
            for resource, key in _creations(member, scopes, gaps):
                created.setdefault(key, []).append((member, resource))
        if not created:
            if gaps is not None and gaps.passed_over > passed_over:
                gaps.found = True  # the reads here were not looked at: with placeholders there may be creations
            continue
        sites = _sites_by_resource(outer)
        graph: _DependencyGraph | None = None
        for reader in members:
            found_in = _destinations(reader, scopes) if destinations else _reads(reader, sites, scopes, gaps)
            for site, call, key, nested in found_in:
                for creator, target in created.get(key, ()):
                    if creator is reader or target is reader or (not nested and target is creator):
                        continue  # its own resource, or both at the outer level: E1011's case
                    if any(other is reader for other, _ in created[key]):
                        continue  # the reader's deployment creates it too
                    graph = graph or _DependencyGraph(outer, sites)
                    reaches = graph.reaches(reader, creator)
                    if reaches is False:
                        found.append(CrossRead(outer, reader, site, call, target, creator,
                                               graph.reaches(creator, reader) is True))
                    elif reaches is not True and gaps is not None:
                        gaps.found = True
    return found


# -- where resources live ----------------------------------------------------------------------------------------


class _Scopes:
    """The (subscription, resource group) tokens of every template of a file: where its resources deploy, and the
    scope its expressions see. A token is ``("root", ...)`` for the root deployment's own, ``("value", text)`` for
    a known name, UNKNOWN otherwise; the resource group is None at subscription scope."""

    def __init__(self, root: Template):
        self.deploys: dict[int, tuple[Any, Any]] = {}
        for template in root.walk():
            self.deploys[id(template)] = self._of(template)

    def _of(self, template: Template) -> tuple[Any, Any]:
        deployment = template.deployment
        if deployment is None:  # the root: its names where the model knows them, else tokens of their own
            if template.scope not in ("resourceGroup", "subscription"):
                return UNKNOWN, None
            context = template.evaluator.context
            subscription = (context.get("subscription") or {}).get("subscriptionId")
            group = (context.get("resourcegroup") or {}).get("name")
            return (("value", subscription.lower()) if isinstance(subscription, str) else _ROOT_SUBSCRIPTION,
                    None if template.scope == "subscription" else
                    ("value", group.lower()) if isinstance(group, str) else _ROOT_GROUP)
        parent = deployment.template
        subscription, group = self.deploys[id(parent)]
        raw_subscription = deployment.raw("subscriptionId")
        if raw_subscription is not MISSING:
            subscription = self.token(raw_subscription, parent, subscription, "subscription")
        scope = target_scope(deployment, parent.scope)
        if scope == "subscription":
            return subscription, None
        if scope != "resourceGroup":
            return UNKNOWN, None
        raw_group = deployment.raw("resourceGroup")
        if raw_group is not MISSING:
            group = self.token(raw_group, parent, group, "resourcegroup")
        return subscription, group

    def expressions(self, template: Template) -> tuple[Any, Any]:
        """The scope that ``subscription()`` / ``resourceGroup()`` mean in the template's expressions (an
        outer-scope nested template sees its parent's)."""
        return self.deploys[id(template.symbols)]

    @staticmethod
    def token(raw: Any, template: Template, own: Any, kind: str) -> Any:
        """A subscription or resource group written as ``raw`` in ``template``, whose own is ``own``."""
        if isinstance(raw, str) and ex.is_expression(raw):
            tree = parse_cached(raw)
            if isinstance(tree, ex.ExpressionSyntaxError):
                return UNKNOWN
            return _node_token(tree, template, own, kind)
        return ("value", raw.lower()) if isinstance(raw, str) else UNKNOWN


def _node_token(node: ex.Node, template: Template, own: Any, kind: str) -> Any:
    if isinstance(node, ex.Property) and isinstance(node.target, ex.Call) and _is_own_scope(node):
        return own if node.target.lower_name == kind else UNKNOWN
    value = template.symbols.evaluator.evaluate_node(node)
    return ("value", value.lower()) if isinstance(value, str) else UNKNOWN


# -- both sides of a match ------------------------------------------------------------------------------------


def _creations(member: Resource, scopes: _Scopes, gaps: _Gaps | None = None
               ) -> Iterator[tuple[Resource, tuple[Any, ...]]]:
    """(resource, key) for ``member`` and, for a nested deployment, every resource its template tree creates."""
    resources = [member]
    if member.nested is not None:
        resources += [r for t in member.nested.walk() for r in t.resources]
    for resource in resources:
        if resource.existing or resource.deployed is False or resource.copy is not None or "scope" in resource.node:
            continue  # extension resources live on another resource
        if resource.type is None:
            if gaps is not None:
                gaps.found = True
            continue
        if resource.is_deployment and resource.nested is not None:
            subscription, group = scopes.deploys[id(resource.nested)]  # the deployment lives where it deploys
        else:
            subscription, group = scopes.deploys[id(resource.template)]
        if not isinstance(resource.name, str) or subscription is UNKNOWN or group is UNKNOWN:
            if gaps is not None:  # unnamed ones cannot be matched
                gaps.passed_over += 1
                gaps.passed_over_types.add(resource.type_lower)
            continue
        yield resource, (subscription, group, resource.type_lower, resource.name.lower())


def _reads(
    reader: Resource, sites: dict[tuple[Any, ...], list[Any]], scopes: _Scopes, gaps: _Gaps | None = None
) -> Iterator[tuple[Any, ex.Call, tuple[Any, ...], bool]]:
    """(site, call, key, nested) for each read by resource ID in ``reader`` (its own expressions, nested False)
    and in the templates of its nested deployment (nested True)."""
    own = [(site, False) for site in sites.get(reader.path, ())]
    inner = [(site, True) for t in reader.nested.walk() for site in t.sites] if reader.nested is not None else []
    for site, nested in own + inner:
        if site.function is not None or isinstance(site.tree, ex.ExpressionSyntaxError) or not _reads_any(site.tree):
            continue
        tree = taken_branches(site.tree, site.template.evaluator)
        for node in ex.walk(tree):
            if not isinstance(node, ex.Call) or node.namespace is not None or not node.args:
                continue
            if node.lower_name != "reference" and not is_list_function(node.lower_name):
                continue
            key = _id_key(node.args[0], site.template, scopes, _MAX_PARAMETER_HOPS)
            if key is not None:
                if gaps is not None:
                    gaps.read_types.add(key[2])
                yield site, node, key, nested
            elif gaps is not None:
                gaps.found = True


# The properties of a diagnostic setting that name where it sends: Azure Monitor authorizes the link to the
# destination when the setting is written, so the destination must exist by then.
_DESTINATIONS = ("workspaceid", "storageaccountid", "eventhubauthorizationruleid")


def _destinations(reader: Resource, scopes: _Scopes) -> Iterator[tuple[Any, ex.Call, tuple[Any, ...], bool]]:
    """(site, call, key, nested) for each destination, given by resource ID, of a diagnostic setting that
    ``reader`` is (nested False) or that the templates of its nested deployment declare (nested True)."""
    settings = [(reader, False)]
    if reader.nested is not None:
        settings += [(r, True) for t in reader.nested.walk() for r in t.resources]
    for setting, nested in settings:
        if setting.deployed is False or not (setting.type_lower or "").endswith("/diagnosticsettings"):
            continue
        properties = setting.node.get("properties")
        if not isinstance(properties, dict):
            continue
        wanted = {(*setting.path, "properties", name) for name in properties if name.lower() in _DESTINATIONS}
        for site in setting.template.sites:
            if site.path not in wanted or site.function is not None or isinstance(site.tree, ex.ExpressionSyntaxError):
                continue
            tree = taken_branches(site.tree, site.template.evaluator)
            if not isinstance(tree, ex.Call):
                continue
            key = _id_key(tree, site.template, scopes, _MAX_PARAMETER_HOPS)
            if key is not None:
                yield site, tree, key, nested


def _reads_any(tree: ex.Node) -> bool:
    """Whether the expression calls reference() or a list*() function at all: most do not, and need no evaluation
    of their if() conditions to tell."""
    return any(name == "reference" or is_list_function(name) for name in ex.call_names(tree))


def _id_key(node: ex.Node, template: Template, scopes: _Scopes, hops: int) -> tuple[Any, ...] | None:
    """The key of the resource ID that ``node`` (an argument of reference()/list*()) computes, or None."""
    symbols = template.symbols
    if isinstance(node, ex.Call) and node.namespace is None and node.lower_name in ("variables", "parameters") \
            and node.args and isinstance(node.args[0], ex.StringLit):
        if node.lower_name == "variables":
            raw = symbols.variables.get(node.args[0].value)
            tree = parse_cached(raw) if isinstance(raw, str) and ex.is_expression(raw) else None
            if tree is None or isinstance(tree, ex.ExpressionSyntaxError):
                return None
            return _id_key(tree, template, scopes, hops)
        if node.lower_name == "parameters" and hops > 0 and symbols.expression_scope == "inner":
            # an ID the outer template passes down: computed there, in its scope
            deployment = symbols.deployment
            if deployment is None or deployment.copy is not None:
                return None
            entry = deployment.raw("properties", "parameters", node.args[0].value)
            value = entry.get("value") if isinstance(entry, dict) else None
            tree = parse_cached(value) if isinstance(value, str) and ex.is_expression(value) else None
            if tree is None or isinstance(tree, ex.ExpressionSyntaxError):
                return None
            return _id_key(tree, deployment.template, scopes, hops - 1)
        return None
    if not isinstance(node, ex.Call) or node.namespace is not None or node.lower_name not in _ID_FUNCTIONS:
        return None
    subscription, group = scopes.expressions(template)
    args = list(node.args)
    if node.lower_name == "extensionresourceid":
        where = _scope_argument(args.pop(0), symbols, subscription, group) if args else None
        if where is None:
            return None
        subscription, group = where
        if not args:
            return None
        type_, names = symbols.evaluator.evaluate_node(args[0]), args[1:]
        if not is_resource_type(type_):
            return None
    else:
        index = next((i for i, a in enumerate(args) if is_resource_type(symbols.evaluator.evaluate_node(a))), None)
        if index is None:
            return None
        leading, type_, names = args[:index], symbols.evaluator.evaluate_node(args[index]), args[index + 1:]
        if node.lower_name == "subscriptionresourceid":
            if len(leading) > 1:
                return None
            group = None
            if leading:
                subscription = _node_token(leading[0], symbols, subscription, "subscription")
        else:
            if len(leading) > 2:
                return None
            if len(leading) == 2:
                subscription = _node_token(leading[0], symbols, subscription, "subscription")
            if leading:
                group = _node_token(leading[-1], symbols, group, "resourcegroup")
    values = [symbols.evaluator.evaluate_node(n) for n in names]
    if subscription is UNKNOWN or group is UNKNOWN or not values or not all(isinstance(v, str) for v in values):
        return None
    return subscription, group, type_.lower(), "/".join(values).lower()


def _scope_argument(node: ex.Node, template: Template, subscription: Any, group: Any) -> tuple[Any, ...] | None:
    """extensionResourceId's first argument as (subscription, resource group) when it names a resource group or
    a subscription (``format('/subscriptions/{0}/resourceGroups/{1}', ...)``, ``resourceGroup().id``); None when it
    names a resource (an extension resource of that resource) or cannot be known."""
    if isinstance(node, ex.Property) and isinstance(node.target, ex.Call) and not node.target.args \
            and node.name.lower() == "id":
        called = node.target.lower_name
        if called == "resourcegroup":
            return subscription, group
        if called == "subscription":
            return subscription, None
        return None
    if (
        isinstance(node, ex.Call)
        and node.lower_name == "format"
        and node.args
        and isinstance(node.args[0], ex.StringLit)
    ):
        pattern = node.args[0].value.lower()
        if pattern == "/subscriptions/{0}/resourcegroups/{1}" and len(node.args) == 3:
            return (_node_token(node.args[1], template, subscription, "subscription"),
                    _node_token(node.args[2], template, group, "resourcegroup"))
        if pattern == "/subscriptions/{0}" and len(node.args) == 2:
            return _node_token(node.args[1], template, subscription, "subscription"), None
        return None
    value = template.evaluator.evaluate_node(node)
    if isinstance(value, str):
        parts = value.strip("/").split("/")
        if len(parts) == 4 and parts[0].lower() == "subscriptions" and parts[2].lower() == "resourcegroups":
            return ("value", parts[1].lower()), ("value", parts[3].lower())
        if len(parts) == 2 and parts[0].lower() == "subscriptions":
            return ("value", parts[1].lower()), None
    return None


# -- the placeholder model ------------------------------------------------------------------------------------


def _placeholder_model(root: Template) -> Template:
    """The file's model again, each root parameter whose string value the file does not know holding a
    placeholder of its own (``<parameters('name')>``), and the root's subscription and resource group names too."""
    values: dict[str, Any] = {}
    for name, declaration in root.parameters.items():
        kind = declaration.get("type") if isinstance(declaration, dict) else None
        if isinstance(kind, str) and kind.lower() in ("string", "securestring") and \
                not isinstance(root.evaluator.parameter(name), str):
            values[name] = f"<parameters('{name}')>"
    context = dict(root.evaluator.context)
    context.setdefault("subscription", {"subscriptionId": "<subscription().subscriptionId>"})
    if root.scope == "resourceGroup":
        context.setdefault("resourcegroup", {"name": "<resourceGroup().name>"})
    known = {**root.evaluator.supplied(), **values}
    model = build_template(root.node, known, context=context, path=root.path)
    adopt_sites(model, root)  # the same strings: only their values differ
    return model


def _in(root: Template, found: list[CrossRead]) -> list[CrossRead]:
    """Reads found in the placeholder model, with the templates, resources and sites of the file's own model
    (the same document: paths match)."""
    if not found:
        return []
    templates = {t.path: t for t in root.walk()}
    resources = {r.path: r for r in root.all_resources()}
    sites = {s.path: s for t in root.walk() for s in t.sites}
    return [CrossRead(templates[r.outer.path], resources[r.reader.path], sites.get(r.site.path, r.site), r.call,
                      resources[r.target.path], resources[r.creator.path], r.creator_waits) for r in found]
