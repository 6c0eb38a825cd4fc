"""The Bicep syntax tree: one class per construct, named as the Bicep compiler names it.

Every node lists its parts in source order (``FIELDS``); a part is a token, a node, None (absent) or a list of
tokens and nodes. ``children()`` gives the parts in that order, so a tree can be walked or printed the way the
Bicep compiler prints its own (the baseline tests compare both). Spans are offsets; a node's span runs from its
first part to its last, or is given explicitly where it may be empty (skipped text).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from relecloud_templates.bicep.parser import tokens as t
from relecloud_templates.bicep.parser.tokens import BicepDiagnostic, Token


class Node:
    __slots__ = ("end", "start")
    FIELDS: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        return type(self).__name__

    def children(self) -> Iterator[Any]:
        for name in self.FIELDS:
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, list):
                yield from value
            else:
                yield value

    def compute_span(self) -> None:
        """From the start of the first part to the end of the last (0:0 without parts)."""
        first = self._edge(self.FIELDS, 0)
        if first is None:
            self.start = self.end = 0
            return
        last = self._edge(reversed(self.FIELDS), -1)
        self.start, self.end = first.start, last.end

    def _edge(self, names: Any, at: int) -> Any:
        for name in names:
            value = getattr(self, name)
            if isinstance(value, list):
                if value:
                    return value[at]
            elif value is not None:
                return value
        return None

    def __repr__(self) -> str:
        return f"{self.kind}[{self.start}:{self.end})"


def _node(name: str, fields: str, base: type = Node) -> Any:  # Any: the parts are set dynamically
    """A node class with the named parts (space separated) in source order."""
    names = tuple(fields.split())

    def __init__(self, *values):
        for field_name, value in zip(names, values):
            setattr(self, field_name, value)
        self.compute_span()

    cls = type(name, (base,), {"__slots__": names, "FIELDS": names, "__init__": __init__})
    return cls


class SkippedTriviaSyntax(Node):
    """Text the parser skipped over (possibly empty), with the errors that made it skip."""

    __slots__ = ("diagnostics", "elements")
    FIELDS = ("elements",)

    def __init__(self, start: int, end: int, elements: list, diagnostics: list[BicepDiagnostic] | tuple = ()):
        self.elements, self.diagnostics = elements, list(diagnostics)
        self.start, self.end = start, end


class IdentifierSyntax(Node):
    __slots__ = ("child",)
    FIELDS = ("child",)

    def __init__(self, child: Any):
        self.child = child
        self.start, self.end = child.start, child.end

    @property
    def name(self) -> str:
        return self.child.text if isinstance(self.child, Token) else "<missing>"

    @property
    def valid(self) -> bool:
        return isinstance(self.child, Token) and self.child.type == t.IDENTIFIER


class ProgramSyntax(Node):
    __slots__ = ("eof", "statements")
    FIELDS = ("statements", "eof")

    def __init__(self, statements: list, eof: Token):
        self.statements, self.eof = statements, eof
        self.start, self.end = 0, eof.end

    def declarations(self) -> Iterator[Node]:
        for statement in self.statements:
            if isinstance(statement, Node) and not isinstance(statement, SkippedTriviaSyntax):
                yield statement


class StringSyntax(Node):
    """A string: its tokens (pieces between holes), the expressions in the holes, and the decoded pieces."""

    __slots__ = ("expressions", "segments", "tokens")
    FIELDS = ("parts",)

    def __init__(self, tokens: list, expressions: list, segments: list[str]):
        self.tokens, self.expressions, self.segments = tokens, expressions, segments
        self.start, self.end = tokens[0].start, tokens[-1].end

    @property
    def parts(self) -> list:
        merged: list = []
        for i, token in enumerate(self.tokens):
            merged.append(token)
            if i < len(self.expressions):
                merged.append(self.expressions[i])
        return merged

    def children(self) -> Iterator[Any]:
        return iter(self.parts)

    @property
    def literal(self) -> str | None:
        """The value when the string has no interpolation."""
        return self.segments[0] if not self.expressions else None


class StringTypeLiteralSyntax(StringSyntax):
    __slots__ = ()


class ObjectSyntax(Node):
    __slots__ = ("close", "items", "open")
    FIELDS = ("open", "items", "close")

    def __init__(self, open_: Token, items: list, close: Any):
        self.open, self.items, self.close = open_, items, close
        self.compute_span()

    @property
    def properties(self) -> list[ObjectPropertySyntax]:
        return [item for item in self.items if isinstance(item, ObjectPropertySyntax)]

    @property
    def resources(self) -> list:
        return [item for item in self.items if isinstance(item, ResourceDeclarationSyntax)]

    def property(self, name: str) -> ObjectPropertySyntax | None:
        lowered = name.lower()
        for item in self.items:
            if isinstance(item, ObjectPropertySyntax) and (item.key_text or "").lower() == lowered:
                return item
        return None

    def value_of(self, name: str) -> Any:
        found = self.property(name)
        return found.value if found is not None else None


class ObjectPropertySyntax(Node):
    __slots__ = ("colon", "key", "value")
    FIELDS = ("key", "colon", "value")

    def __init__(self, key: Any, colon: Any, value: Any):
        self.key, self.colon, self.value = key, colon, value
        self.compute_span()

    @property
    def key_text(self) -> str | None:
        if isinstance(self.key, IdentifierSyntax):
            return self.key.name if self.key.valid else None
        if isinstance(self.key, StringSyntax):
            return self.key.literal
        return None


ArraySyntax = _node("ArraySyntax", "open items close")
ArrayItemSyntax = _node("ArrayItemSyntax", "value")
SpreadExpressionSyntax = _node("SpreadExpressionSyntax", "ellipsis expression")
BooleanLiteralSyntax = _node("BooleanLiteralSyntax", "token")
NullLiteralSyntax = _node("NullLiteralSyntax", "token")
NoneLiteralSyntax = _node("NoneLiteralSyntax", "token")


class IntegerLiteralSyntax(Node):
    __slots__ = ("token", "value")
    FIELDS = ("token",)

    def __init__(self, token: Token, value: int):
        self.token, self.value = token, value
        self.start, self.end = token.start, token.end


class IntegerTypeLiteralSyntax(IntegerLiteralSyntax):
    __slots__ = ()


BooleanTypeLiteralSyntax = _node("BooleanTypeLiteralSyntax", "token")
NullTypeLiteralSyntax = _node("NullTypeLiteralSyntax", "token")
VariableAccessSyntax = _node("VariableAccessSyntax", "name")
TypeVariableAccessSyntax = _node("TypeVariableAccessSyntax", "name")
LocalVariableSyntax = _node("LocalVariableSyntax", "name")
ParenthesizedExpressionSyntax = _node("ParenthesizedExpressionSyntax", "open expression close")
ParenthesizedTypeSyntax = _node("ParenthesizedTypeSyntax", "open expression close")
UnaryOperationSyntax = _node("UnaryOperationSyntax", "operator expression")
UnaryTypeOperationSyntax = _node("UnaryTypeOperationSyntax", "operator expression")
BinaryOperationSyntax = _node("BinaryOperationSyntax", "left operator right")
TernaryOperationSyntax = _node("TernaryOperationSyntax",
                               "condition newlines_before_question question true_value newlines_before_colon colon "
                               "false_value")
FunctionCallSyntax = _node("FunctionCallSyntax", "name open items close")
InstanceFunctionCallSyntax = _node("InstanceFunctionCallSyntax", "base dot name open items close")
FunctionArgumentSyntax = _node("FunctionArgumentSyntax", "expression")
PropertyAccessSyntax = _node("PropertyAccessSyntax", "base dot safe property")
ArrayAccessSyntax = _node("ArrayAccessSyntax", "base open safe from_end index close")
ResourceAccessSyntax = _node("ResourceAccessSyntax", "base double_colon name")
NonNullAssertionSyntax = _node("NonNullAssertionSyntax", "base exclamation")
ForSyntax = _node("ForSyntax", "open open_newlines for_keyword variable in_keyword expression colon body "
                               "close_newlines close")
VariableBlockSyntax = _node("VariableBlockSyntax", "open items close")
TypedVariableBlockSyntax = _node("TypedVariableBlockSyntax", "open items close")
TypedLocalVariableSyntax = _node("TypedLocalVariableSyntax", "name type")
IfConditionSyntax = _node("IfConditionSyntax", "keyword condition body")
LambdaSyntax = _node("LambdaSyntax", "variable arrow newlines body")
TypedLambdaSyntax = _node("TypedLambdaSyntax", "variable return_type arrow newlines body")
DecoratorSyntax = _node("DecoratorSyntax", "at expression")

# types
NullableTypeSyntax = _node("NullableTypeSyntax", "base question")
NonNullableTypeSyntax = _node("NonNullableTypeSyntax", "base exclamation")
UnionTypeSyntax = _node("UnionTypeSyntax", "items")
UnionTypeMemberSyntax = _node("UnionTypeMemberSyntax", "value")
ArrayTypeSyntax = _node("ArrayTypeSyntax", "item open close")
ArrayTypeMemberSyntax = _node("ArrayTypeMemberSyntax", "value")
TupleTypeSyntax = _node("TupleTypeSyntax", "open items close")
TupleTypeItemSyntax = _node("TupleTypeItemSyntax", "decorators value")
ObjectTypeSyntax = _node("ObjectTypeSyntax", "open items close")
ObjectTypePropertySyntax = _node("ObjectTypePropertySyntax", "decorators key colon value")
ObjectTypeAdditionalPropertiesSyntax = _node("ObjectTypeAdditionalPropertiesSyntax", "decorators asterisk colon value")
TypePropertyAccessSyntax = _node("TypePropertyAccessSyntax", "base dot property")
TypeAdditionalPropertiesAccessSyntax = _node("TypeAdditionalPropertiesAccessSyntax", "base dot asterisk")
TypeArrayAccessSyntax = _node("TypeArrayAccessSyntax", "base open index close")
TypeItemsAccessSyntax = _node("TypeItemsAccessSyntax", "base open asterisk close")
ParameterizedTypeInstantiationSyntax = _node("ParameterizedTypeInstantiationSyntax", "name open items close")
InstanceParameterizedTypeInstantiationSyntax = _node("InstanceParameterizedTypeInstantiationSyntax",
                                                     "base dot name open items close")
ParameterizedTypeArgumentSyntax = _node("ParameterizedTypeArgumentSyntax", "expression")
ResourceTypeSyntax = _node("ResourceTypeSyntax", "keyword type")


class Statement(Node):
    """A declaration; ``decorators`` holds the decorators (and the new lines after them) written before it."""

    __slots__ = ()

    @property
    def decorator_list(self) -> list:
        decorators: list[Any] = getattr(self, "decorators")  # noqa: B009 (a field of the _statement subclasses)
        return [d for d in decorators if isinstance(d, DecoratorSyntax)]


def _statement(name: str, fields: str) -> Any:
    return _node(name, fields, Statement)


TargetScopeSyntax = _statement("TargetScopeSyntax", "decorators keyword assignment value")
MetadataDeclarationSyntax = _statement("MetadataDeclarationSyntax", "decorators keyword name assignment value")
ParameterDeclarationSyntax = _statement("ParameterDeclarationSyntax", "decorators keyword name type modifier")
ParameterDefaultValueSyntax = _node("ParameterDefaultValueSyntax", "assignment value")
VariableDeclarationSyntax = _statement("VariableDeclarationSyntax", "decorators keyword name type assignment value")
TypeDeclarationSyntax = _statement("TypeDeclarationSyntax", "decorators keyword name assignment value")
FunctionDeclarationSyntax = _statement("FunctionDeclarationSyntax", "decorators keyword name lambda_")
OutputDeclarationSyntax = _statement("OutputDeclarationSyntax", "decorators keyword name type assignment value")
ResourceDeclarationSyntax = _statement("ResourceDeclarationSyntax",
                                       "decorators keyword name type existing assignment newlines value")
ModuleDeclarationSyntax = _statement("ModuleDeclarationSyntax",
                                     "decorators keyword name path assignment newlines value")
TestDeclarationSyntax = _statement("TestDeclarationSyntax", "decorators keyword name path assignment value")
AssertDeclarationSyntax = _statement("AssertDeclarationSyntax", "decorators keyword name assignment value")
CompileTimeImportDeclarationSyntax = _statement("CompileTimeImportDeclarationSyntax",
                                                "decorators keyword import_expression from_clause")
CompileTimeImportFromClauseSyntax = _node("CompileTimeImportFromClauseSyntax", "keyword path")
ImportedSymbolsListSyntax = _node("ImportedSymbolsListSyntax", "open items close")
ImportedSymbolsListItemSyntax = _node("ImportedSymbolsListItemSyntax", "original alias")
WildcardImportSyntax = _node("WildcardImportSyntax", "asterisk alias")
AliasAsClauseSyntax = _node("AliasAsClauseSyntax", "keyword name")
ExtensionDeclarationSyntax = _statement("ExtensionDeclarationSyntax",
                                        "decorators keyword specification with_clause as_clause")
ExtensionWithClauseSyntax = _node("ExtensionWithClauseSyntax", "keyword config")
MissingDeclarationSyntax = _statement("MissingDeclarationSyntax", "decorators")
# .bicepparam
UsingDeclarationSyntax = _statement("UsingDeclarationSyntax", "decorators keyword path with_clause")
UsingWithClauseSyntax = _node("UsingWithClauseSyntax", "keyword config")
ExtendsDeclarationSyntax = _statement("ExtendsDeclarationSyntax", "decorators keyword path")
ParameterAssignmentSyntax = _statement("ParameterAssignmentSyntax", "decorators keyword name assignment value")
ExtensionConfigAssignmentSyntax = _statement("ExtensionConfigAssignmentSyntax", "decorators keyword alias with_clause")


def child_nodes(node: Node) -> list[Node]:
    """The syntax nodes directly below ``node`` (not its tokens), in source order."""
    found: list[Node] = []
    for name in node.FIELDS:
        value = getattr(node, name)
        if isinstance(value, Node):
            found.append(value)
        elif isinstance(value, list):
            found.extend(v for v in value if isinstance(v, Node))
    return found


def walk(node: Any) -> Iterator[Any]:
    """Every node and token below ``node`` (itself included), depth first, in source order."""
    stack = [node]
    pop, push, extend = stack.pop, stack.append, stack.extend
    while stack:
        current = pop()
        yield current
        if isinstance(current, Node):
            for name in reversed(current.FIELDS):
                value = getattr(current, name)
                if value is None:
                    continue
                if isinstance(value, list):
                    extend(reversed(value))
                else:
                    push(value)
