"""Types in the template: parameter and output types with their decorators (``@secure``, ``@allowed``,
``@minLength`` ...), user-defined types (``definitions``), and user-defined functions (``functions``)."""

from __future__ import annotations

from typing import Any

from relecloud_templates.bicep.compiler.checks import primitive_type_name
from relecloud_templates.bicep.compiler.expressions import Converter
from relecloud_templates.bicep.compiler.symbols import LocalSymbol, TypeAliasSymbol, lambda_parameters
from relecloud_templates.bicep.parser import nodes as n

_PRIMITIVES = {"string", "int", "bool", "object", "array", "any"}
_MODIFIERS = (("minLength", "minLength"), ("maxLength", "maxLength"), ("minValue", "minValue"),
              ("maxValue", "maxValue"))
_LITERAL_ORDER = {str: 0, int: 1, bool: 2, type(None): 2, list: 3, dict: 4}


class TypeWriter:
    def __init__(self, emitter: Any):
        self.emitter = emitter
        self.model = emitter.model
        self.binding = emitter.model.binding

    # -- declarations ---------------------------------------------------------------------------------------
    def declaration(self, decl: Any, type_syntax: Any, path: tuple) -> dict:
        """The type properties of a parameter, output or type declaration, with its decorators applied."""
        out = self.type_properties(type_syntax, path)
        self.decorate(out, decl, path)
        return out

    def decorate(self, out: dict, decl: Any, path: tuple) -> None:
        from relecloud_templates.bicep.compiler.emitter import decorators_of

        decorators = {name: (None, args) for name, args in decorators_of(decl).items()}
        conv = Converter(self.model)
        value = self.emitter.value
        if "secure" in decorators:
            if out.get("type") == "string":
                out["type"] = "securestring"
            elif out.get("type") == "object":
                out["type"] = "secureObject"
        if "allowed" in decorators and decorators["allowed"][1]:
            out["allowedValues"] = value(decorators["allowed"][1][0], conv, path + ("allowedValues",))
        if "sealed" in decorators:
            out["additionalProperties"] = False
        if "export" in decorators:
            out.setdefault("metadata", {})["__bicep_export!"] = True
        if "metadata" in decorators and decorators["metadata"][1]:
            extra = value(decorators["metadata"][1][0], conv, path + ("metadata",))
            if isinstance(extra, dict):
                out["metadata"] = {**out.get("metadata", {}), **extra}
        for name, key in _MODIFIERS:
            if name in decorators and decorators[name][1]:
                out[key] = value(decorators[name][1][0], conv, path + (key,))
        if "description" in decorators and decorators["description"][1]:
            out.setdefault("metadata", {})["description"] = value(decorators["description"][1][0], conv,
                                                                  path + ("metadata", "description"))
        out.pop("__members", None)
        if "discriminator" in decorators and decorators["discriminator"][1]:
            self._discriminate(out, decl, decorators["discriminator"][1][0], path)

    def _discriminate(self, out: dict, decl: Any, name_syntax: Any, path: tuple) -> None:
        """``@discriminator('<property>')`` on a union of object types: the mapping from each member's value of
        that property to the member (unions and type aliases of unions flattened into one mapping)."""
        name = name_syntax.literal if isinstance(name_syntax, n.StringSyntax) else None
        syntax = decl.type if isinstance(decl, (n.ParameterDeclarationSyntax, n.OutputDeclarationSyntax)) else \
            getattr(decl, "value", None)
        if name is None or syntax is None:
            return
        if isinstance(syntax, n.TypeVariableAccessSyntax) and isinstance(self.binding.ref(syntax), TypeAliasSymbol):
            return  # (the alias it names carries the discriminator)
        mapping: dict[str, Any] = {}
        nullable = self._union_members(syntax, name, mapping, path, set())
        metadata = out.get("metadata")
        out.clear()
        out.update({"type": "object", "discriminator": {"propertyName": name, "mapping": mapping}})
        if nullable is not None:
            out["nullable"] = nullable
        if metadata:
            out["metadata"] = metadata

    def _union_members(self, node: Any, name: str, mapping: dict, path: tuple, seen: set) -> bool | None:
        """Add the members of a (discriminated) union type to ``mapping``; whether it is nullable (``?``/``!``)."""
        if isinstance(node, n.ParenthesizedTypeSyntax):
            return self._union_members(node.expression, name, mapping, path, seen)
        if isinstance(node, (n.NullableTypeSyntax, n.NonNullableTypeSyntax)):
            self._union_members(node.base, name, mapping, path, seen)
            return isinstance(node, n.NullableTypeSyntax)
        if isinstance(node, n.UnionTypeSyntax):
            for member in node.items:
                if isinstance(member, n.UnionTypeMemberSyntax):
                    self._union_members(member.value, name, mapping, path, seen)
            return None
        symbol = self.binding.ref(node) if isinstance(node, n.TypeVariableAccessSyntax) else None
        if isinstance(symbol, TypeAliasSymbol):
            target = symbol.decl.value
            while isinstance(target, n.ParenthesizedTypeSyntax):
                target = target.expression
            if isinstance(target, (n.UnionTypeSyntax, n.NullableTypeSyntax, n.NonNullableTypeSyntax)) and \
                    id(symbol) not in seen:
                seen.add(id(symbol))
                self._union_members(target, name, mapping, path, seen)
                return None
            key = self._discriminator_value(target, name)
            if key is not None:
                mapping[key] = {"$ref": f"#/definitions/{symbol.name}"}
            return None
        key = self._discriminator_value(node, name)
        if key is not None:
            mapping[key] = self.type_properties(node, path + ("discriminator", "mapping", key))
        return None

    def _discriminator_value(self, node: Any, name: str) -> str | None:
        if not isinstance(node, n.ObjectTypeSyntax):
            return None
        for item in node.items:
            if isinstance(item, n.ObjectTypePropertySyntax):
                key = item.key.name if isinstance(item.key, n.IdentifierSyntax) else getattr(item.key, "literal", None)
                value = self.literal(item.value)
                if key == name and isinstance(value, str):
                    return value
        return None

    # -- type expressions -----------------------------------------------------------------------------------
    def type_properties(self, node: Any, path: tuple) -> dict:
        if node is None:
            return {"type": "object"}
        if isinstance(node, n.TypeVariableAccessSyntax):
            symbol = self.binding.ref(node)
            name = node.name.name
            if isinstance(symbol, TypeAliasSymbol):
                return {"$ref": f"#/definitions/{name}"}
            if symbol is not None and symbol.kind == "imported":
                return {"$ref": f"#/definitions/{name}"}
            if name == "any":
                return {}
            return {"type": name if name in _PRIMITIVES else "object"}
        if isinstance(node, n.NullableTypeSyntax):
            out = self.type_properties(node.base, path)
            out["nullable"] = True
            return out
        if isinstance(node, n.NonNullableTypeSyntax):
            out = self.type_properties(node.base, path)
            out["nullable"] = False
            return out
        if isinstance(node, n.ParenthesizedTypeSyntax):
            return self.type_properties(node.expression, path)
        if isinstance(node, n.ResourceTypeSyntax):
            out = {"type": "string"}
            if isinstance(node.type, n.StringSyntax) and node.type.literal:
                out["metadata"] = {"resourceType": node.type.literal}
            return out
        literal = self.literal(node)
        if literal is not _NOT_LITERAL:
            return {"type": _type_name(literal), "allowedValues": [literal]}
        if isinstance(node, n.UnionTypeSyntax):
            return self.union(node, path)
        if isinstance(node, n.ArrayTypeSyntax):
            element = self.type_properties(node.item.value, path + ("items",))
            if set(element) == {"type", "allowedValues"}:  # an array of literal values: each one of them
                return {"type": "array", "allowedValues": element["allowedValues"]}
            return {"type": "array", "items": element}
        if isinstance(node, n.TupleTypeSyntax):
            items = [i for i in node.items if isinstance(i, n.TupleTypeItemSyntax)]
            prefix = []
            for i, item in enumerate(items):
                entry = self.type_properties(item.value, path + ("prefixItems", i))
                self.decorate(entry, item, path + ("prefixItems", i))
                prefix.append(entry)
            return {"type": "array", "prefixItems": prefix, "items": False}
        if isinstance(node, n.ObjectTypeSyntax):
            return self.object_type(node, path)
        if isinstance(node, n.TypePropertyAccessSyntax) and primitive_type_name(node) is not None:
            name = primitive_type_name(node)
            return {} if name == "any" else {"type": name if name in _PRIMITIVES else "object"}
        if isinstance(
            node,
            (
                n.TypePropertyAccessSyntax,
                n.TypeItemsAccessSyntax,
                n.TypeAdditionalPropertiesAccessSyntax,
                n.TypeArrayAccessSyntax,
            ),
        ):
            pointer = self._pointer(node)
            if pointer is not None:
                return {"$ref": pointer}
        if isinstance(node, n.ParameterizedTypeInstantiationSyntax):
            return {"type": "object"}
        return {"type": "object"}

    def object_type(self, node: Any, path: tuple) -> dict:
        out: dict[str, Any] = {"type": "object"}
        properties: dict[str, Any] = {}
        for item in node.items:
            if isinstance(item, n.ObjectTypePropertySyntax):
                key = item.key.name if isinstance(item.key, n.IdentifierSyntax) else (
                    item.key.literal if isinstance(item.key, n.StringSyntax) else None)
                if key is None:
                    continue
                entry = self.type_properties(item.value, path + ("properties", key))
                self.decorate(entry, item, path + ("properties", key))
                properties[key] = entry
            elif isinstance(item, n.ObjectTypeAdditionalPropertiesSyntax):
                entry = self.type_properties(item.value, path + ("additionalProperties",))
                self.decorate(entry, item, path + ("additionalProperties",))
                out["additionalProperties"] = entry
        if properties or "additionalProperties" in out:
            out["properties"] = properties
        return out

    def union(self, node: Any, path: tuple) -> dict:
        members = [m.value for m in node.items if isinstance(m, n.UnionTypeMemberSyntax)]
        values: list = []
        for member in members:
            expanded = self._union_values(member)
            if expanded is None:
                objects = [self.type_properties(m, path) for m in members]
                return {"type": "object", "__members": objects} if all(o.get("type") == "object" for o in objects) \
                    else {"type": "object"}
            values.extend(expanded)
        unique: list = []
        for value in values:
            if value not in unique:
                unique.append(value)
        unique.sort(key=_literal_sort_key)
        types = {_type_name(v) for v in unique if v is not None}
        out: dict[str, Any] = {"type": types.pop() if len(types) == 1 else "object", "allowedValues": unique}
        if None in unique and len(types) <= 1:
            pass
        return out

    def _union_values(self, node: Any) -> list | None:
        literal = self.literal(node)
        if literal is not _NOT_LITERAL:
            return [literal]
        if isinstance(node, n.TypeVariableAccessSyntax):
            symbol = self.binding.ref(node)
            if isinstance(symbol, TypeAliasSymbol):
                value = symbol.decl.value
                if isinstance(value, n.UnionTypeSyntax):
                    found: list = []
                    for member in value.items:
                        if isinstance(member, n.UnionTypeMemberSyntax):
                            inner = self._union_values(member.value)
                            if inner is None:
                                return None
                            found.extend(inner)
                    return found
                inner_literal = self.literal(value)
                if inner_literal is not _NOT_LITERAL:
                    return [inner_literal]
        if isinstance(node, n.ParenthesizedTypeSyntax):
            return self._union_values(node.expression)
        return None

    def literal(self, node: Any) -> Any:
        """The value of a literal type (``'a'``, ``1``, ``true``, ``null``, ``{a: 'x'}``, ``['a']``)."""
        if isinstance(node, n.StringTypeLiteralSyntax):
            return node.segments[0] if not node.expressions else _NOT_LITERAL
        if isinstance(node, n.IntegerTypeLiteralSyntax):
            return node.value
        if isinstance(node, n.BooleanTypeLiteralSyntax):
            return node.token.text == "true"
        if isinstance(node, n.NullTypeLiteralSyntax):
            return None
        if isinstance(node, n.UnaryTypeOperationSyntax):
            inner = self.literal(node.expression)
            if node.operator.text == "-" and isinstance(inner, int) and not isinstance(inner, bool):
                return -inner
            if node.operator.text == "!" and isinstance(inner, bool):
                return not inner
            return _NOT_LITERAL
        if isinstance(node, n.ObjectTypeSyntax):
            out = {}
            for item in node.items:
                if isinstance(item, n.ObjectTypeAdditionalPropertiesSyntax):
                    return _NOT_LITERAL  # (`*: type` admits other properties: no single value)
                if isinstance(item, n.ObjectTypePropertySyntax):
                    key = item.key.name if isinstance(item.key, n.IdentifierSyntax) else \
                        getattr(item.key, "literal", None)
                    value = self.literal(item.value)
                    if key is None or value is _NOT_LITERAL:
                        return _NOT_LITERAL
                    out[key] = value
            return out
        if isinstance(node, n.TupleTypeSyntax):
            values = []
            for item in node.items:
                if isinstance(item, n.TupleTypeItemSyntax):
                    value = self.literal(item.value)
                    if value is _NOT_LITERAL:
                        return _NOT_LITERAL
                    values.append(value)
            return values
        return _NOT_LITERAL

    def _pointer(self, node: Any) -> str | None:
        steps: list[str] = []
        while True:
            if isinstance(node, n.TypePropertyAccessSyntax):
                steps[:0] = ["properties", node.property.name]
                node = node.base
            elif isinstance(node, n.TypeItemsAccessSyntax):
                steps[:0] = ["items"]
                node = node.base
            elif isinstance(node, n.TypeAdditionalPropertiesAccessSyntax):
                steps[:0] = ["additionalProperties"]
                node = node.base
            elif isinstance(node, n.TypeArrayAccessSyntax) and isinstance(node.index, n.IntegerLiteralSyntax):
                steps[:0] = ["prefixItems", str(node.index.value)]
                node = node.base
            else:
                break
        if isinstance(node, n.TypeVariableAccessSyntax) and isinstance(self.binding.ref(node), TypeAliasSymbol):
            return "/".join(["#", "definitions", node.name.name, *steps])
        return None

    # -- definitions and functions --------------------------------------------------------------------------
    def definitions(self, path: tuple) -> dict:
        out: dict[str, Any] = {}
        for symbol in self.binding.types:
            if symbol.name:
                here = path + (symbol.name,)
                self.emitter.mark(here, symbol.decl)
                out[symbol.name] = self.declaration(symbol.decl, symbol.decl.value, here)
                out[symbol.name].pop("__members", None)
        return out

    def function(self, symbol: Any, path: tuple) -> dict:
        lambda_ = symbol.decl.lambda_
        self.emitter.mark(path, symbol.decl)
        parameters: list[Any] = []
        locals_: list[Any] = []
        for parameter in lambda_parameters(lambda_):
            entry = self.type_properties(parameter.decl.type, path + ("parameters", len(parameters)))
            entry = {"name": parameter.name, **entry}
            parameters.append(entry)
            local = self.binding.symbol(parameter.decl)
            if isinstance(local, LocalSymbol):
                locals_.append(local)
        output = self.type_properties(lambda_.return_type, path + ("output",))
        inner = Converter(self.model).inside(locals_)
        output["value"] = self.emitter.value(lambda_.body, inner, path + ("output", "value"))
        out: dict[str, Any] = {"parameters": parameters, "output": output}
        from relecloud_templates.bicep.compiler.emitter import decorators_of

        metadata: dict[str, Any] = {}
        decorators = decorators_of(symbol.decl)
        if decorators.get("description"):
            metadata["description"] = self.emitter.value(decorators["description"][0], Converter(self.model),
                                                         path + ("metadata", "description"))
        if "export" in decorators:
            metadata["__bicep_export!"] = True
        if metadata:
            out["metadata"] = metadata
        return out


class _NotLiteral:
    pass


_NOT_LITERAL = _NotLiteral()


def _type_name(value: Any) -> str:
    from relecloud_templates.arm.values import arm_type

    found = arm_type(value)
    return found if found in ("bool", "int", "string", "array") else "object"


def _literal_sort_key(value: Any) -> tuple:
    import json

    order = _LITERAL_ORDER.get(type(value), 5)
    if isinstance(value, bool) or value is None:
        return (order, json.dumps(value))
    if isinstance(value, (int, str)):
        return (order, value)
    return (order, json.dumps(value, sort_keys=True))
