"""One ARM template -> one Bicep file (and a module file per inner-scoped nested deployment).

Order of a file: targetScope, metadata, parameters, variables, existing resources, resources and modules in
template order, outputs; one blank line between declarations.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from relecloud_templates.arm import expressions as arm
from relecloud_templates.arm.graph import dependencies
from relecloud_templates.arm.template import Resource, Template
from relecloud_templates.arm.vocabulary import DEPLOYMENTS, VALUE_TYPES, is_resource_type, is_secure_type, type_name
from relecloud_templates.bicep import strings
from relecloud_templates.bicep.exprs import (
    FileContext,
    Site,
    _declared_symbol,
    _existing_symbol,
    _is_static,
    existing_resource,
    expression,
    template_string,
)
from relecloud_templates.bicep.symbols import Declared, symbol_hint, type_base
from relecloud_templates.bicep.text import INDENT, identifier_from, is_identifier, string_literal
from relecloud_templates.bicep.values import (
    NOTE_PREFIX,
    attach,
    fork,
    indent,
    loop_lines,
    note_lines,
    object_lines,
    value_lines,
)

_HANDLED_KEYS = {"type", "apiversion", "name", "condition", "copy", "dependson", "comments", "scope", "resources"}


def is_module(resource: Resource) -> bool:
    """An inner-scope nested deployment with an inline template: a Bicep module."""
    return resource.nested is not None and resource.nested.expression_scope == "inner"


def _translated_templates(template: Template) -> Iterator[Template]:
    """The template and, recursively, the templates of its modules: every template written as a Bicep file."""
    yield template
    for resource in template.resources:
        if resource.nested is not None and is_module(resource):
            yield from _translated_templates(resource.nested)


def api_version_index(template: Template) -> dict[str, str]:
    """Resource type (lower case) -> the newest API version any translated template deploys it with."""
    index: dict[str, str] = {}
    for each in _translated_templates(template):
        for resource in each.resources:
            api = resource.api_version
            rtype = _written_type(resource).lower()
            if isinstance(api, str) and not arm.is_expression(api) and api > index.get(rtype, ""):
                index[rtype] = api
    return index


def _written_type(resource: Resource) -> str:
    """The full type (inline children's joined to their parent's by the model), else the type as written."""
    return resource.type or str(resource.node.get("type", ""))


def _view(resource: Resource) -> dict:
    """The resource as the translator reads it: its own properties, with the model's full type and name."""
    view = {key: value for key, value in resource.node.items() if key != "resources"}
    view["type"] = _written_type(resource)
    if resource.written_name is not None:
        view["name"] = resource.written_name
    return view


class ModuleFiles:
    """Module files of one output tree: flat in ``modules/``, unique names, identical modules written once."""

    def __init__(self) -> None:
        self.files: dict[str, str] = {}  # file name -> text
        self._by_text: dict[str, str] = {}

    def place(self, wanted: str, text: str) -> str:
        if text in self._by_text:
            return self._by_text[text]
        name, n = f"{wanted}.bicep", 1
        while name.lower() in {f.lower() for f in self.files}:
            n += 1
            name = f"{wanted}{n}.bicep"
        self.files[name] = text
        self._by_text[text] = name
        return name


@dataclass
class TranslatedFile:
    text: str
    context: FileContext


def translate(template: Template, modules: ModuleFiles, api_versions: dict[str, str],
              module_dir: str) -> TranslatedFile:
    """One template of the model (the root or a module's) as the text of one Bicep file."""
    ctx = FileContext(template.scope, api_versions=api_versions)
    top = Site(ctx)
    params = template.parameters
    for name, spec in params.items():
        ident = ctx.names.take(name)
        if ident != name:
            top.note(f"parameter '{name}' is not a valid Bicep identifier; it is '{ident}' here")
        ctx.params[name.lower()] = ident
        ctx.param_types[name.lower()] = type_name(spec)
    for name in _variable_names(template):
        ctx.variables[name.lower()] = ctx.names.take(name)
    resources = template.resources
    views = [_view(resource) for resource in resources]
    entries = []
    for resource, view in zip(resources, views):
        hint = resource.symbolic_name or symbol_hint(view["type"], view.get("name", ""))
        entries.append(_declare(view, ctx, hint, is_module(resource)))
    _check_unsupported(template.node, top)

    blocks: list[list[str]] = []
    if ctx.target_scope != "resourceGroup":
        blocks.append([f"targetScope = '{ctx.target_scope}'"])
    blocks += _metadata(template.node, top)
    blocks += [_parameter(name, spec, ctx) for name, spec in params.items()]
    blocks += _variables(template, ctx)
    declared = {id(resource): entry for resource, entry in zip(resources, entries)}
    body = [_resource(resource, view, entry, declared, ctx, modules, module_dir)
            for resource, view, entry in zip(resources, views, entries)]
    outputs = [_output(name, spec, ctx) for name, spec in template.outputs.items()]
    blocks += _existing_blocks(ctx) + body + outputs
    header = note_lines(top)
    text = "\n\n".join("\n".join(block) for block in blocks if block)
    text = ("\n".join(header) + "\n\n" if header else "") + text + "\n"
    return TranslatedFile(text, ctx)


def _variable_names(template: Template) -> list[str]:
    return [name for name in template.variables if name != "copy"] + [loop["name"] for loop in template.variable_loops]


def _declare(resource: dict, ctx: FileContext, hint: str, module: bool) -> Declared:
    name = resource.get("name", "")
    segments = None
    if isinstance(name, str):
        node = arm.tree_of(name)
        segments = strings.name_segments(node) if node is not None else None
    copy = resource.get("copy")
    copy_name = str(copy.get("name", "copy")) if isinstance(copy, dict) else None
    if ctx.names.is_taken(hint):  # a resource named after a variable: its type reads better than `name2`
        hint = type_base(str(resource.get("type", "")))
    entry = Declared(ctx.names.take(hint), str(resource.get("type", "")), str(resource.get("apiVersion", "")),
                     name, segments, copy_name, module)
    ctx.symbols.declared.append(entry)
    return entry


def _check_unsupported(template: dict, site: Site) -> None:
    if template.get("functions"):
        site.note("user-defined functions are not translated; calls to them are kept as written")
    if template.get("definitions"):
        site.note("user-defined types ('definitions') are not translated")
    if template.get("apiProfile"):
        site.note("apiProfile has no Bicep equivalent; every resource states its API version")


def _metadata(template: dict, site: Site) -> list[list[str]]:
    blocks = []
    for key, value in (template.get("metadata") or {}).items():
        if key == "_generator":
            continue  # what compiled the template; not part of its meaning
        if isinstance(value, str) and is_identifier(key):
            blocks.append([f"metadata {key} = {string_literal(value)}"])
        else:
            site.note(f"template metadata '{key}' is not translated")
    return blocks


def _parameter(name: str, spec: dict, ctx: FileContext) -> list[str]:
    spec = spec or {}
    site = Site(ctx)
    arm_type = str(spec.get("type", "")).lower()
    lines = _metadata_decorators(spec, site)
    if is_secure_type(arm_type):
        lines.append("@secure()")
    if isinstance(spec.get("allowedValues"), list):
        lines += attach("@allowed(", value_lines(spec["allowedValues"], site), ")")
    for key in ("minLength", "maxLength", "minValue", "maxValue"):
        if key in spec:
            lines.append(f"@{key}({value_lines(spec[key], site)[0]})")
    bicep_type = VALUE_TYPES.get(arm_type)
    if bicep_type is None:
        site.note(f"parameter type '{spec.get('type')}' has no Bicep equivalent; declared as object")
        bicep_type = "object"
    if spec.get("nullable"):
        bicep_type += "?"
    head = f"param {ctx.params[name.lower()]} {bicep_type}"
    if "defaultValue" in spec:
        lines += attach(head + " = ", value_lines(spec["defaultValue"], site))
    else:
        lines.append(head)
    return note_lines(site) + lines


def _metadata_decorators(spec: dict, site: Site) -> list[str]:
    """``@description`` and ``@metadata`` for a parameter's or output's ``metadata``."""
    lines: list[str] = []
    metadata = dict(spec.get("metadata") or {})
    description = metadata.pop("description", None)
    if isinstance(description, str):
        lines.append(f"@description({string_literal(description)})")
    if metadata:
        lines += attach("@metadata(", value_lines(metadata, site, literal=True), ")")
    return lines


def _variables(template: Template, ctx: FileContext) -> list[list[str]]:
    blocks = []
    for name, value in template.variables.items():
        if name == "copy":
            continue
        site = Site(ctx)
        body = value_lines(value, site)
        blocks.append(note_lines(site) + attach(f"var {ctx.variables[name.lower()]} = ", body))
    for spec in template.variable_loops:
        site = Site(ctx)
        body = loop_lines(spec.get("count"), spec.get("input"), site, spec.get("name"), default=True)
        blocks.append(note_lines(site) + attach(f"var {ctx.variables[spec['name'].lower()]} = ", body))
    return blocks


def _output(name: str, spec: dict, ctx: FileContext) -> list[str]:
    site = Site(ctx)
    arm_type = str(spec.get("type", "")).lower()
    bicep_type = VALUE_TYPES.get(arm_type, "object")
    decorators = _metadata_decorators(spec, site) + (["@secure()"] if is_secure_type(arm_type) else [])
    if "condition" in spec:
        site.note("output conditions have no Bicep equivalent; this output is always returned")
    if isinstance(spec.get("copy"), dict):
        copy = spec["copy"]
        body = loop_lines(copy.get("count"), copy.get("input"), site, None, default=True)
    else:
        body = value_lines(spec.get("value"), site)
    ident = name if is_identifier(name) else identifier_from(name)
    if ident != name:
        site.note(f"output '{name}' is not a valid Bicep identifier; it is '{ident}' here")
    return note_lines(site) + decorators + attach(f"output {ident} {bicep_type} = ", body)


# --- resources and modules ------------------------------------------------------------------------------------


def _dependencies(resource: Resource, ctx: FileContext, site: Site, declared: dict[int, Declared]) -> list[str]:
    """The symbols ``dependsOn`` names, in order; entries that name nothing here become notes. The model
    resolves each entry where the names are known; where they are not, entries are matched by how they are
    written (the same expression names the same resource)."""
    symbols: list[str] = []
    for dependency in dependencies(resource):
        targets, dep = dependency.targets, dependency.text
        if isinstance(targets, list) and len(targets) == 1:
            entry = declared.get(id(targets[0]))
        elif isinstance(targets, list) and not targets:
            entry = None  # certainly dangling
        else:
            entry = _dependency_target(dep, ctx) if isinstance(dep, str) else None
        if entry is None:
            site.note(f"dependsOn entry {dep!r} names no resource of this template; dropped")
        elif entry.symbol not in symbols:
            symbols.append(entry.symbol)
    return symbols


def _dependency_target(dep: str, ctx: FileContext) -> Declared | None:
    table = ctx.symbols
    if not arm.is_expression(dep):
        literal = arm.literal_value(dep)
        found = table.by_copy_name(literal)
        if found:
            return found
        matches = [e for e in table.declared if e.segments == strings.name_segments(literal)]
        return matches[0] if len(matches) == 1 else None
    node = arm.tree_of(dep)
    if isinstance(node, arm.Call) and node.lower_name in ("resourceid", "subscriptionresourceid",
                                                          "extensionresourceid"):
        found = _declared_symbol(node, Site(ctx))
        if found:
            return found
        for arg_index, arg in enumerate(node.args):  # looped or in another scope, but named the same way
            if isinstance(arg, arm.StringLit) and is_resource_type(arg.value):
                segments = strings.id_segments(node.args[arg_index + 1:])
                matches = [e for e in table.declared if e.type.lower() == arg.value.lower()
                           and e.segments == segments]
                return matches[0] if len(matches) == 1 else None
    return None


def _resource(model: Resource, resource: dict, entry: Declared, declared: dict[int, Declared], ctx: FileContext,
              modules: ModuleFiles, module_dir: str):
    head_site = Site(ctx)
    deps = _dependencies(model, ctx, head_site, declared)
    nested = model.nested
    head_site.symbolic = frozenset(deps)
    comments = [f"// {line}" for line in str(resource.get("comments", "")).splitlines() if line.strip()]
    decorators = []
    copy = resource.get("copy")
    if isinstance(copy, dict) and (copy.get("batchSize") is not None or str(copy.get("mode", "")).lower() == "serial"):
        decorators.append(f"@batchSize({copy.get('batchSize', 1)})")

    if entry.is_module:
        assert nested is not None  # a module has its inline template
        path, body_fn = _module(resource, nested, entry, ctx, modules, module_dir, deps)
        declaration = f"module {entry.symbol} '{path}' = "
    else:
        body_fn = _resource_body_fn(resource, ctx, deps)
        kind = str(resource.get("type", ""))
        if kind.lower() == DEPLOYMENTS:
            comments.append("// Kept as a deployment resource: Bicep modules can only be local files or registry "
                            "references.")
            if "templateLink" not in (resource.get("properties") or {}):
                head_site.note("nested deployment evaluated in the outer scope: its template is translated in "
                               "this file's context; review before use")
        declaration = f"resource {entry.symbol} '{kind}@{resource.get('apiVersion')}' = "

    if isinstance(copy, dict):
        condition = resource.get("condition")
        lines = loop_lines(copy.get("count"), None, head_site, copy.get("name"), default=True,
                           condition=condition, body_lines=body_fn)
    else:
        lines = body_fn(head_site)
        if "condition" in resource:
            lines[0] = f"if ({value_lines(resource['condition'], head_site)[0]}) " + lines[0]
    return note_lines(head_site) + comments + decorators + [declaration + lines[0]] + lines[1:]


def _finish(lines: list[str], site: Site, deps: list[str]) -> list[str]:
    remaining = [d for d in deps if d not in site.used]
    if remaining:
        lines.insert(-1, INDENT + "dependsOn: [")
        lines[-1:-1] = [INDENT * 2 + dep for dep in remaining]
        lines.insert(-1, INDENT + "]")
    return lines


def _resource_body_fn(resource: dict, ctx: FileContext, deps: list[str]):
    def body(site: Site) -> list[str]:
        rest = {}
        for key, value in resource.items():
            if key.lower() in _HANDLED_KEYS:
                continue
            if key in ("subscriptionId", "resourceGroup") and str(resource.get("type", "")).lower() != DEPLOYMENTS:
                site.note(f"'{key}' on a resource has no Bicep equivalent; dropped")
                continue
            rest[key] = value
        lines = ["{"] + _property("name", resource.get("name", ""), site)
        if "scope" in resource:
            child = fork(site)
            scope = _scope_reference(resource["scope"], child)
            lines += [INDENT + c for c in note_lines(child)] + [INDENT + "scope: " + scope]
        lines += object_lines(rest, site)[1:-1] + ["}"]
        return _finish(lines, site, deps)
    return body


def _property(key: str, value: object, site: Site) -> list[str]:
    """One ``key: value`` of an object body, with its notes above it."""
    child = fork(site)
    body = value_lines(value, child)
    return [INDENT + c for c in note_lines(child)] + indent(body, INDENT + key + ": ")


def _scope_reference(value: object, site: Site) -> str:
    """An extension resource's ``scope`` (a resource ID, full or relative) as a resource symbol."""
    node = arm.tree_of(value)
    if isinstance(node, arm.Call) and node.lower_name == "resourceid":
        declared = _declared_symbol(node, site)
        if declared:
            site.used.add(declared.symbol)
            return declared.symbol
        existing = _existing_symbol(node, site, None)
        if existing:
            return existing.symbol
    parts = strings.string_parts(node, segments=True) if node is not None else None
    segments = strings.split_part_lists(parts) if parts else []
    if len(segments) >= 3 and len(segments) % 2 == 1 and all(len(s) == 1 and isinstance(s[0], str)
                                                               for s in segments[0:1] + segments[1::2]):
        resource_type = "/".join(str(s[0]) for s in segments[0:1] + segments[1::2])
        names = tuple(strings.parts_node(s) for s in segments[2::2])
        declared = site.file.symbols.find(resource_type, strings.id_segments(names))
        if declared and (site.symbolic is None or declared.symbol in site.symbolic):
            site.used.add(declared.symbol)
            return declared.symbol
        existing = existing_resource(site.file, resource_type, None, names, None) if _is_static(names) else None
        if not _is_static(names):
            site.note("scope changes with the loop; Bicep needs an existing-resource loop here, which is not "
                      "generated")
        elif existing:
            return existing.symbol
        else:
            site.note(f"scope names a {resource_type}, a type this document never deploys, so its API version "
                      "is unknown; declare it as an existing resource by hand")
    else:
        site.note("scope is not a resource ID Bicep can turn into a resource symbol")
    return template_string(value, site).text if isinstance(value, str) else "resourceGroup()"


def _module(resource: dict, nested: Template, entry: Declared, ctx: FileContext, modules: ModuleFiles,
            module_dir: str, deps: list[str]):
    props = resource["properties"]
    inner = translate(nested, modules, ctx.api_versions, "")
    file_name = modules.place(entry.symbol, inner.text)

    def body(site: Site) -> list[str]:
        lines = ["{"] + _property("name", resource.get("name", ""), site)
        scope = _module_scope(resource, ctx, site)
        if scope:
            lines.append(INDENT + "scope: " + scope)
        location = resource.get("location")
        if location is not None and str(location).replace(" ", "").lower() != "[deployment().location]":
            site.note("a module's deployment location is always deployment().location in Bicep; "
                      f"the template set {location!r}")
        if str(props.get("mode", "Incremental")).lower() != "incremental":
            site.note(f"deployment mode {props.get('mode')!r} has no Bicep module equivalent")
        for key in props:
            if key not in ("mode", "template", "parameters", "expressionEvaluationOptions"):
                site.note(f"nested deployment property '{key}' is not translated")
        params = {}
        for name, spec in (props.get("parameters") or {}).items():
            ident = inner.context.params.get(name.lower(), identifier_from(name))
            if isinstance(spec, dict) and "value" in spec:
                params[ident] = spec["value"]
            elif _wrapped_value(spec) is not None:
                params[ident] = _wrapped_value(spec)
            else:
                site.note(f"module parameter '{name}' is not a plain value (a Key Vault reference?); not translated")
        if params:
            lines += indent(object_lines(params, site), INDENT + "params: ")
        lines.append("}")
        return _finish(lines, site, deps)

    return module_dir + file_name, body


def _wrapped_value(spec: object) -> str | None:
    """Bicep compiles a conditional module parameter to ``[if(c, createObject('value', a), createObject('value',
    b))]``; this gives back ``[if(c, a, b)]``."""
    if not (isinstance(spec, str) and arm.is_expression(spec)):
        return None
    tree = arm.tree_of(spec)
    node = _unwrap(tree) if tree is not None else None
    return None if node is None else "[" + arm.to_text(node) + "]"


def _unwrap(node: arm.Node) -> arm.Node | None:
    if isinstance(node, arm.Call) and node.lower_name == "createobject" and len(node.args) == 2 \
            and isinstance(node.args[0], arm.StringLit) and node.args[0].value.lower() == "value":
        return node.args[1]
    if isinstance(node, arm.Call) and node.lower_name == "if" and len(node.args) == 3:
        yes, no = _unwrap(node.args[1]), _unwrap(node.args[2])
        if yes is not None and no is not None:
            return arm.Call(node.name, (node.args[0], yes, no), node.start, node.end)
    return None


def _module_scope(resource: dict, ctx: FileContext, site: Site) -> str | None:
    sub, group = resource.get("subscriptionId"), resource.get("resourceGroup")
    if "scope" in resource:
        site.note("a nested deployment's 'scope' (management group or tenant) is not translated")
    texts = [template_string(v, site).text if isinstance(v, str) else value_lines(v, site)[0]
             for v in (sub, group) if v is not None]
    if sub is not None and group is not None:
        return f"resourceGroup({texts[0]}, {texts[1]})"
    if group is not None:
        return f"resourceGroup({texts[0]})"
    if sub is not None:
        if ctx.target_scope == "resourceGroup":
            return f"resourceGroup({texts[0]}, resourceGroup().name)"
        return f"subscription({texts[0]})"
    return None


def _existing_blocks(ctx: FileContext) -> list[list[str]]:
    blocks, done = [], 0
    while done < len(ctx.symbols.existing):  # translating a name may declare another existing resource
        entry = ctx.symbols.existing[done]
        done += 1
        site = Site(ctx, symbolic=frozenset())
        lines = [f"resource {entry.symbol} '{entry.type}@{entry.api_version}' existing = {{"]
        lines.append(INDENT + "name: " + expression(strings.parts_node(entry.name_parts), site).text)
        if entry.scope is not None:
            lines.append(INDENT + "scope: " + expression(entry.scope, site).text)
        lines.append("}")
        blocks.append(note_lines(site) + lines)
    return blocks


def notes_in(text: str) -> list[tuple[int, int, str]]:
    """(line, column, message) of every untranslatable-construct comment in a Bicep text."""
    found: list[tuple[int, int, str]] = []
    if NOTE_PREFIX not in text:  # a sound translation has none: no need to look at every line
        return found
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip()
        if stripped.startswith(NOTE_PREFIX):
            found.append((number, len(line) - len(stripped) + 1, stripped[len(NOTE_PREFIX):]))
    return found
