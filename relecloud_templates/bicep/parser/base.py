"""Expressions, types and the parts every Bicep file shares; the recovery machinery.

The parser follows the Bicep compiler's own (recursive descent, same error recovery), so that it accepts what
Bicep accepts, builds the same tree, and reports syntax errors at the same places. A parse function that meets
an unexpected token raises ``_Fail``; ``with_recovery`` catches it at the nearest recovery point, skips tokens up
to one of the terminators and leaves a ``SkippedTriviaSyntax`` carrying the error in the tree.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from relecloud_templates.bicep.parser import nodes as n
from relecloud_templates.bicep.parser import tokens as t
from relecloud_templates.bicep.parser.lexer import lex, string_info, string_value
from relecloud_templates.bicep.parser.tokens import BicepDiagnostic, Token

# Expression flags
NONE, COMPLEX, RESOURCES = 0, 1, 2
# Recovery flags
SUPPRESS, CONSUME_TERMINATOR = 1, 2

_PRECEDENCE = {
    t.MODULO: 100, t.ASTERISK: 100, t.SLASH: 100,
    t.PLUS: 90, t.MINUS: 90,
    t.RIGHT_CHEVRON: 80, t.GREATER_THAN_OR_EQUAL: 80, t.LEFT_CHEVRON: 80, t.LESS_THAN_OR_EQUAL: 80,
    t.EQUALS: 70, t.NOT_EQUALS: 70, t.EQUALS_INSENSITIVE: 70, t.NOT_EQUALS_INSENSITIVE: 70,
    t.LOGICAL_AND: 50, t.LOGICAL_OR: 40, t.DOUBLE_QUESTION: 30,
}
_UNARY = (t.EXCLAMATION, t.MINUS)
_EXPRESSION_TERMINATORS = (t.STRING_RIGHT, t.RIGHT_BRACE, t.RIGHT_PAREN, t.RIGHT_SQUARE, t.NEWLINE)
DECLARATION_KEYWORDS = {"metadata", "param", "var", "resource", "module", "output", "type", "func", "import",
                        "targetScope", "extension", "test", "assert", "using", "extends"}


_HOLE_ENDS = (t.STRING_MIDDLE, t.STRING_RIGHT, t.NEWLINE)


def _unexpected_in_hole(start: int, end: int) -> BicepDiagnostic:
    return BicepDiagnostic("BCP064", start, end, "Unexpected tokens in an interpolated expression.")


class _Fail(Exception):
    def __init__(self, diagnostic: BicepDiagnostic):
        self.diagnostic = diagnostic


def error_at(token: Token, code: str, message: str) -> BicepDiagnostic:
    """An error about an unexpected token; at a line break, an empty span where the line ends."""
    if token.type == t.NEWLINE:
        return BicepDiagnostic(code, token.start, token.start, message)
    return BicepDiagnostic(code, token.start, token.end, message)


def expected_character(char: str) -> tuple[str, str]:
    return "BCP018", f'Expected the "{char}" character here.'


E = {  # the Bicep codes of syntax errors
    "expected_new_line": ("BCP019", "Expected a new line here."),
    "unrecognized_expression": ("BCP009", "Expected a literal value, an array, an object, a parenthesized expression "
                                          "or a function call here."),
    "invalid_integer": ("BCP010", "Expected a valid 64-bit signed integer."),
    "invalid_type": ("BCP011", "The value has the wrong type: write a string, boolean or integer literal."),
    "function_or_property": ("BCP020", "Expected a function or property name here."),
    "property_name": ("BCP022", "Expected a property name here."),
    "variable_or_function": ("BCP023", "Expected a variable or function name here."),
    "complex_literals": ("BCP087", "Array and object literals are not allowed here."),
    "empty_indexer": ("BCP117", "An empty indexer is not allowed: write an index expression."),
    "namespace_or_decorator": ("BCP123", "Expected a namespace or decorator name here."),
    "loop_item_or_block": ("BCP162", 'Expected a loop item variable name or "(" here.'),
    "body_or_if": ("BCP167", 'Expected "{" or the "if" keyword here.'),
    "body_or_if_or_loop": ("BCP118", 'Expected "{", "[" or the "if" keyword here.'),
    "new_line_or_comma": ("BCP236", "Expected a new line or a comma here."),
    "comma": ("BCP237", "Expected a comma here."),
    "new_line_after_comma": ("BCP238", "Unexpected new line after a comma."),
    "one_item": ("BCP243", "Parentheses must hold exactly one expression."),
    "variable_identifier": ("BCP015", "Expected a variable name here."),
    "type_expression": ("BCP279", "Expected a type here: a type expression, or one of any, array, bool, int, object, "
                                  "string."),
    "type_identifier": ("BCP325", "Expected a type name here."),
    "type_literal": ("BCP300", "Expected a type literal here: a concrete value or a reference to a literal type."),
    "property_or_matcher": ("BCP317", "Expected a name, a string or an asterisk here."),
    "resource_type_string": ("BCP068", "Expected a resource type string of the form \"<type-name>@<apiVersion>\"."),
    "module_path_string": ("BCP097", "Expected a module path string: a relative path to a Bicep file, or a registry "
                                     "or template spec reference."),
    "compile_time_constant": ("BCP032", "The value must be a compile-time constant."),
    "symbol_list_or_wildcard": ("BCP354", "Expected '{' or '*' here."),
    "exported_symbol": ("BCP355", "Expected the name of an exported symbol here."),
    "namespace_identifier": ("BCP356", "Expected a namespace name here."),
    "import_item_alias": ("BCP375", "An import list item named by a quoted string needs an 'as <alias>' clause."),
    "extension_specification": ("BCP201", "Expected an extension specification string: a relative path or a "
                                          "registry reference."),
    "extension_alias": ("BCP202", "Expected an extension alias name here."),
    "with_or_as": ("BCP305", 'Expected the "with" or "as" keyword, or a new line, here.'),
    "safe_instance_call": ("BCP322", "The `.?` operator cannot be used on instance function calls."),
}


def keyword_error(keyword: str) -> tuple[str, str]:
    return "BCP012", f'Expected the "{keyword}" keyword here.'


def loop_block_size(count: int) -> tuple[str, str]:
    return "BCP249", f"A loop variable block holds exactly 2 names (item and index), not {count}."


class BaseParser:
    def __init__(self, text: str):
        self.text = text
        self.tokens, self.lexer_diagnostics = lex(text)
        self.pos = 0
        # syntax errors of the tree being built; a parse that fails drops what it had found (it is skipped whole)
        self.found: list[BicepDiagnostic] = []

    # -- reading --------------------------------------------------------------------------------------------
    def peek(self, skip_newlines: bool = False) -> Token:
        at = self.pos
        if skip_newlines:
            while self.tokens[at].type == t.NEWLINE:
                at += 1
        return self.tokens[at]

    def peek_ahead(self, count: int = 1, skip_newlines: bool = False) -> Token | None:
        at = self.pos + count
        if skip_newlines:
            while at < len(self.tokens) and self.tokens[at].type == t.NEWLINE:
                at += 1
        return self.tokens[at] if at < len(self.tokens) else None

    def read(self) -> Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    # The end-of-file token is never consumed before the program ends, so ``pos`` always points at a token.
    def at_end(self) -> bool:
        return self.tokens[self.pos].type == t.EOF

    def check(self, *types: str) -> bool:
        return self.tokens[self.pos].type in types  # never asked about EOF, so false at the end as Bicep's is

    def check_keyword(self, keyword: str) -> bool:
        token = self.tokens[self.pos]
        return token.type == t.IDENTIFIER and token.text == keyword

    @staticmethod
    def is_identifier(token: Token | None) -> bool:
        return token is not None and token.type == t.IDENTIFIER

    @staticmethod
    def is_keyword(token: Token | None, keyword: str) -> bool:
        return token is not None and token.type == t.IDENTIFIER and token.text == keyword

    def fail(self, token: Token, error: tuple[str, str]) -> _Fail:
        return _Fail(error_at(token, *error))

    def expect(self, type_: str, error: tuple[str, str]) -> Token:
        if self.check(type_):
            return self.read()
        raise self.fail(self.peek(), error)

    def expect_keyword(self, keyword: str, error: tuple[str, str] | None = None) -> Token:
        if self.check_keyword(keyword):
            return self.read()
        raise self.fail(self.peek(), error or keyword_error(keyword))

    def optional_keyword(self, keyword: str) -> Token | None:
        return self.read() if self.check_keyword(keyword) else None

    def newline(self) -> Token:
        return self.expect(t.NEWLINE, E["expected_new_line"])

    def newline_or_eof(self) -> Token | None:
        if self.peek().type == t.EOF:
            return None
        return self.newline()

    def newlines(self) -> list[Token]:
        found = []
        while self.check(t.NEWLINE):
            found.append(self.read())
        return found

    # -- recovery -------------------------------------------------------------------------------------------
    def with_recovery(self, parse: Callable[[], Any], flags: int, *terminators: str) -> Any:
        start, found = self.pos, len(self.found)
        try:
            return parse()
        except _Fail as failure:
            del self.found[found:]
            diagnostic = failure.diagnostic
        return self.synchronize(start, flags, lambda _start, _end: diagnostic, terminators)

    def with_recovery_nullable(self, parse: Callable[[], Any], flags: int, *terminators: str) -> Any:
        return self.with_recovery(parse, flags, *terminators)

    def synchronize(self, start: int, flags: int, make_error: Callable[[int, int], BicepDiagnostic],
                    terminators: tuple) -> n.SkippedTriviaSyntax:
        """Skip tokens from ``start`` up to a terminator (and past it with CONSUME_TERMINATOR). The error is made
        for the span skipped before the terminator."""
        first = self.tokens[start]
        self._skip_until(terminators, consume=False)
        skipped = self.tokens[start:self.pos]
        error_span = (skipped[0].start, skipped[-1].end) if skipped else (first.start, first.start)
        span = error_span
        if flags & CONSUME_TERMINATOR:
            self._skip_until(terminators, consume=True)
            skipped = self.tokens[start:self.pos]
            span = (skipped[0].start, skipped[-1].end) if skipped else (first.start, first.start)
        errors = [] if flags & SUPPRESS else [make_error(*error_span)]
        self.found.extend(errors)
        return n.SkippedTriviaSyntax(span[0], span[1], list(skipped), errors)

    def _skip_until(self, terminators: tuple, consume: bool) -> None:
        while not self.at_end():
            if self.tokens[self.pos].type in terminators:
                if consume:
                    self.pos += 1
                return
            self.pos += 1

    def skip_empty(self, error: tuple[str, str] | None = None, at: int | None = None) -> n.SkippedTriviaSyntax:
        position = self.peek().start if at is None else at
        errors = [BicepDiagnostic(error[0], position, position, error[1])] if error else []
        self.found.extend(errors)
        return n.SkippedTriviaSyntax(position, position, [], errors)

    def skip(self, items: list, error: tuple[str, str] | None = None) -> n.SkippedTriviaSyntax:
        start, end = items[0].start, items[-1].end
        errors = [BicepDiagnostic(error[0], start, end, error[1])] if error else []
        self.found.extend(errors)
        return n.SkippedTriviaSyntax(start, end, list(items), errors)

    @staticmethod
    def suppression(preceding: Any, predicate: bool = True) -> int:
        """Leave only the first error where a declaration is cut short (``param`` alone on a line)."""
        cut_short = (isinstance(preceding, n.IdentifierSyntax) and not preceding.valid) or \
            isinstance(preceding, n.SkippedTriviaSyntax)
        if cut_short and preceding.end == preceding.start:
            return SUPPRESS
        return 0 if predicate else SUPPRESS

    def fail_if_skipped(self, parse: Callable[[], Any], error: tuple[str, str]) -> Any:
        start_token = self.peek()
        syntax = parse()
        if isinstance(syntax, n.SkippedTriviaSyntax):
            raise self.fail(start_token, error)
        return syntax

    # -- identifiers ----------------------------------------------------------------------------------------
    def identifier(self, error: tuple[str, str]) -> n.IdentifierSyntax:
        return n.IdentifierSyntax(self.expect(t.IDENTIFIER, error))

    def identifier_or_skip(self, error: tuple[str, str]) -> n.IdentifierSyntax:
        if self.check(t.IDENTIFIER):
            return n.IdentifierSyntax(self.read())
        return n.IdentifierSyntax(self.skip_empty(error))

    def identifier_with_recovery(self, error: tuple[str, str], flags: int, *terminators: str) -> n.IdentifierSyntax:
        found = self.with_recovery(lambda: self.identifier(error), flags, *terminators)
        return found if isinstance(found, n.IdentifierSyntax) else n.IdentifierSyntax(found)

    # -- expressions ----------------------------------------------------------------------------------------
    def expression(self, flags: int) -> Any:
        candidate = self.binary_expression(flags)
        before_question = self.newlines() if self.peek(skip_newlines=True).type == t.QUESTION else []
        if not self.check(t.QUESTION):
            return candidate
        question = self.read()
        true_value = self.with_recovery(lambda: self.expression(flags), 0, t.COLON, *_EXPRESSION_TERMINATORS)
        before_colon = []
        if not isinstance(true_value, n.SkippedTriviaSyntax) and self.peek(skip_newlines=True).type == t.COLON:
            before_colon = self.newlines()
        colon = self.with_recovery(lambda: self.expect(t.COLON, expected_character(":")),
                                   self.suppression(true_value), *_EXPRESSION_TERMINATORS)
        false_value = self.with_recovery(lambda: self.expression(flags), self.suppression(colon),
                                         *_EXPRESSION_TERMINATORS)
        return n.TernaryOperationSyntax(candidate, before_question, question, true_value, before_colon, colon,
                                        false_value)

    def binary_expression(self, flags: int, precedence: int = 0) -> Any:
        current = self.unary_expression(flags)
        while True:
            operator = self.peek()
            operator_precedence = _PRECEDENCE.get(operator.type, -1)
            if operator_precedence <= precedence:
                return current
            self.read()
            right = self.with_recovery(partial(self.binary_expression, flags, operator_precedence), 0,
                                       *_EXPRESSION_TERMINATORS)
            current = n.BinaryOperationSyntax(current, operator, right)

    def unary_expression(self, flags: int) -> Any:
        operator = self.peek()
        if operator.type in _UNARY:
            self.read()
            operand = self.with_recovery(lambda: self.member_expression(flags), 0, *_EXPRESSION_TERMINATORS)
            return n.UnaryOperationSyntax(operator, operand)
        return self.member_expression(flags)

    def member_expression(self, flags: int) -> Any:
        current = self.primary_expression(flags)
        while True:
            kind = self.peek().type if not self.at_end() else t.EOF
            if kind == t.LEFT_SQUARE:
                open_ = self.read()
                safe = self.read() if self.check(t.QUESTION) else None
                from_end = self.read() if self.check(t.HAT) else None
                if self.check(t.RIGHT_SQUARE):
                    index = self.skip_empty(E["empty_indexer"])
                    current = n.ArrayAccessSyntax(current, open_, safe, from_end, index, self.read())
                else:
                    index = self.expression(flags)
                    close = self.expect(t.RIGHT_SQUARE, expected_character("]"))
                    current = n.ArrayAccessSyntax(current, open_, safe, from_end, index, close)
            elif kind == t.DOT:
                dot = self.read()
                safe = self.read() if self.check(t.QUESTION) else None
                name = self.identifier_or_skip(E["function_or_property"])
                if self.check(t.LEFT_PAREN):
                    open_, items, close = self.function_call_access(flags)
                    if safe is not None:
                        code, message = E["safe_instance_call"]
                        error = BicepDiagnostic(code, safe.start, safe.end, message)
                        self.found.append(error)
                        name = n.IdentifierSyntax(n.SkippedTriviaSyntax(safe.start, name.end, [safe, name], [error]))
                    current = n.InstanceFunctionCallSyntax(current, dot, name, open_, items, close)
                else:
                    current = n.PropertyAccessSyntax(current, dot, safe, name)
            elif kind == t.DOUBLE_COLON:
                colons = self.read()
                current = n.ResourceAccessSyntax(current, colons, self.identifier_or_skip(E["function_or_property"]))
            elif kind == t.EXCLAMATION:
                current = n.NonNullAssertionSyntax(current, self.read())
            else:
                return current

    def primary_expression(self, flags: int) -> Any:
        token = self.peek()
        kind = token.type
        if kind in (t.INTEGER, t.NULL, t.TRUE, t.FALSE):
            return self.literal_value()
        if kind in (t.STRING_COMPLETE, t.STRING_LEFT):
            return self.interpolable_string()
        if kind in (t.LEFT_BRACE, t.LEFT_SQUARE):
            if not flags & COMPLEX:
                raise self.fail(token, E["complex_literals"])
            if kind == t.LEFT_BRACE:
                return self.object(flags)
            if self.is_keyword(self.peek_ahead(skip_newlines=True), "for"):
                return self.for_expression(flags, resource_or_module=False)
            return self.array()
        if kind == t.LEFT_PAREN:
            return self.parenthesized_expression_or_lambda(flags)
        if kind == t.IDENTIFIER:
            return self.function_call_or_variable_access(flags)
        raise self.fail(token, E["unrecognized_expression"])

    def literal_value(self) -> Any:
        token = self.read()
        if token.type == t.TRUE or token.type == t.FALSE:
            return n.BooleanLiteralSyntax(token)
        if token.type == t.NULL:
            return n.NullLiteralSyntax(token)
        value = int(token.text)
        if value > 0xFFFFFFFFFFFFFFFF:
            raise self.fail(token, E["invalid_integer"])
        return n.IntegerLiteralSyntax(token, value)

    def function_call_or_variable_access(self, flags: int) -> Any:
        name = n.IdentifierSyntax(self.expect(t.IDENTIFIER, E["variable_or_function"]))
        if self.check(t.LEFT_PAREN):
            open_, items, close = self.function_call_access(flags)
            return n.FunctionCallSyntax(name, open_, items, close)
        if self.check(t.ARROW):
            arrow = self.read()
            body_newlines = self.newlines() if self.peek(skip_newlines=True).text not in DECLARATION_KEYWORDS else []
            body = self.with_recovery(lambda: self.expression(COMPLEX), 0, t.NEWLINE, t.RIGHT_PAREN)
            return n.LambdaSyntax(n.LocalVariableSyntax(name), arrow, body_newlines, body)
        return n.VariableAccessSyntax(name)

    def function_call_access(self, flags: int) -> tuple[Token, list, Any]:
        open_ = self.read()
        items = self.function_elements(t.RIGHT_PAREN, lambda: self.function_argument(flags))
        close = self.read() if self.check(t.RIGHT_PAREN) else self.skip_empty(expected_character(")"))
        return open_, items, close

    def function_argument(self, flags: int) -> Any:
        value = self.with_recovery(lambda: self.expression(flags), 0, t.NEWLINE, t.COMMA, t.RIGHT_PAREN)
        return n.FunctionArgumentSyntax(value)

    def function_elements(self, closing: str, element: Callable[[], Any]) -> list:
        if self.check(closing):
            return []
        items: list = self.newlines()
        expect_element = True
        while not self.at_end() and self.peek().type != closing:
            if expect_element:
                items.append(element())
                expect_element = False
                continue
            if self.check(t.NEWLINE):
                ahead = 1
                while True:
                    token = self.peek_ahead(ahead)
                    if token is not None and token.type == t.NEWLINE and any(x.is_comment for x in token.leading):
                        ahead += 1
                        continue
                    break
                token = self.peek_ahead(ahead)
                if token is None or token.type == t.EOF:
                    break  # leave the new lines, so that the missing ')' is reported where it is missing
                if token.type != closing:
                    items.append(self.skip_empty(E["comma"]))
                items.extend(self.newlines())
            elif self.check(t.COMMA):
                items.append(self.read())
                if self.check(t.NEWLINE):
                    items.extend(self.newlines())
                if self.check(closing):
                    # a trailing comma: parse (and fail on) an element so that the error is reported
                    items.append(element())
            else:
                items.append(self.skip_empty(E["new_line_or_comma"]))
            expect_element = True
        return items

    def array_or_object_elements(self, closing: str, element: Callable[[], Any]) -> list:
        if self.check(closing):
            return []
        items: list = self.newlines()
        expect_element = True
        while not self.at_end() and self.peek().type != closing:
            if expect_element:
                items.append(element())
                expect_element = False
                continue
            if self.check(t.NEWLINE):
                items.extend(self.newlines())
            elif self.check(t.COMMA):
                items.append(self.read())
                if self.check(t.NEWLINE):
                    items.append(self.skip_empty(E["new_line_after_comma"]))
                    items.append(self.read())
            else:
                items.append(self.skip_empty(E["new_line_or_comma"]))
            expect_element = True
        return items

    def array(self) -> Any:
        open_ = self.expect(t.LEFT_SQUARE, expected_character("["))
        items = self.array_or_object_elements(t.RIGHT_SQUARE, self.array_element)
        close = self.expect(t.RIGHT_SQUARE, expected_character("]"))
        return n.ArraySyntax(open_, items, close)

    def array_element(self) -> Any:
        def parse() -> Any:
            if self.peek().type == t.ELLIPSIS:
                return self.spread_expression((t.COMMA, t.NEWLINE, t.RIGHT_SQUARE))
            return n.ArrayItemSyntax(self.expression(COMPLEX))
        return self.with_recovery(parse, 0, t.NEWLINE, t.RIGHT_SQUARE)

    def spread_expression(self, terminators: tuple) -> Any:
        ellipsis = self.expect(t.ELLIPSIS, expected_character("..."))
        value = self.with_recovery(lambda: self.expression(COMPLEX), self.suppression(ellipsis), *terminators)
        return n.SpreadExpressionSyntax(ellipsis, value)

    def object(self, flags: int) -> Any:
        open_ = self.expect(t.LEFT_BRACE, expected_character("{"))
        items = self.array_or_object_elements(t.RIGHT_BRACE, lambda: self.object_element(flags))
        close = self.expect(t.RIGHT_BRACE, expected_character("}"))
        node = n.ObjectSyntax(open_, items, close)
        self.found.extend(duplicate_properties(node))
        return node

    def object_element(self, flags: int) -> Any:
        def parse() -> Any:
            current = self.peek()
            if flags & RESOURCES and (self.check(t.AT) or (
                    self.check_keyword("resource") and self.is_identifier(self.peek_ahead()))):
                return self.declaration("resource")
            if current.type == t.ELLIPSIS:
                return self.spread_expression((t.COMMA, t.NEWLINE, t.RIGHT_BRACE))

            def key_of() -> Any:
                if current.type == t.IDENTIFIER:
                    return n.IdentifierSyntax(self.read())
                if current.type in (t.STRING_COMPLETE, t.STRING_LEFT):
                    return self.interpolable_string()
                return self.skip_empty(E["property_name"])

            key = self.with_recovery(lambda: self.fail_if_skipped(key_of, E["property_name"]), 0,
                                     t.COLON, t.NEWLINE, t.RIGHT_BRACE)
            colon = self.with_recovery(lambda: self.expect(t.COLON, expected_character(":")), self.suppression(key),
                                       t.NEWLINE, t.RIGHT_BRACE)
            value = self.with_recovery(lambda: self.expression(COMPLEX), self.suppression(colon), t.NEWLINE,
                                       t.RIGHT_BRACE)
            return n.ObjectPropertySyntax(key, colon, value)
        return self.with_recovery(parse, 0, t.NEWLINE, t.RIGHT_BRACE)

    def parenthesized_list(self, element: Callable[[], Any], permit_newlines: bool) -> tuple[Token, list, Any]:
        open_ = self.expect(t.LEFT_PAREN, expected_character("("))
        items: list = []
        if permit_newlines:
            items.extend(self.newlines())
        while not self.check(t.RIGHT_PAREN):
            items.append(self.with_recovery(element, 0, *_EXPRESSION_TERMINATORS, t.COMMA))
            if permit_newlines:
                items.extend(self.newlines())
            if self.check(t.COMMA):
                items.append(self.read())
                if permit_newlines:
                    items.extend(self.newlines())
            else:
                if permit_newlines:
                    items.extend(self.newlines())
                break
        close = self.with_recovery(lambda: self.expect(t.RIGHT_PAREN, expected_character(")")),
                                   self.suppression(items[-1]) if items else 0,
                                   t.STRING_RIGHT, t.RIGHT_BRACE, t.RIGHT_SQUARE, t.NEWLINE)
        return open_, items, close

    def parenthesized_content(self, open_: Token, items: list) -> Any:
        if not items:
            return self.skip_empty(E["one_item"], at=open_.end)
        if len(items) == 1:
            return self.skip(items) if isinstance(items[0], Token) else items[0]
        return self.skip(items, E["one_item"])

    def parenthesized_expression(self, flags: int) -> Any:
        open_, items, close = self.parenthesized_list(lambda: self.expression(flags), True)
        return n.ParenthesizedExpressionSyntax(open_, self.parenthesized_content(open_, items), close)

    def parenthesized_expression_or_lambda(self, flags: int) -> Any:
        open_, items, close = self.parenthesized_list(lambda: self.expression(flags), True)
        if self.check(t.ARROW):
            arrow = self.read()
            body_newlines = self.newlines() if self.peek(skip_newlines=True).text not in DECLARATION_KEYWORDS else []
            body = self.with_recovery(lambda: self.expression(COMPLEX), 0, t.NEWLINE, t.RIGHT_PAREN)
            return n.LambdaSyntax(self.variable_block(open_, items, close), arrow, body_newlines, body)
        return n.ParenthesizedExpressionSyntax(open_, self.parenthesized_content(open_, items), close)

    def variable_block(self, open_: Token, items: list, close: Any) -> Any:
        rewritten = []
        for item in items:
            if isinstance(item, n.VariableAccessSyntax):
                rewritten.append(n.LocalVariableSyntax(item.name))
            elif (isinstance(item, Token) and item.type in (t.COMMA, t.NEWLINE)) or isinstance(
                item, n.SkippedTriviaSyntax
            ):
                rewritten.append(item)
            else:
                rewritten.append(n.SkippedTriviaSyntax(item.start, item.end, [item]))
        return n.VariableBlockSyntax(open_, rewritten, close)

    def typed_local_variable(self, *terminators: str) -> Any:
        name = self.identifier_or_skip(E["variable_identifier"])
        type_ = self.with_recovery(lambda: self.type_(False), 0, *terminators)
        return n.TypedLocalVariableSyntax(name, type_)

    def typed_lambda(self) -> Any:
        open_, items, close = self.parenthesized_list(
            lambda: self.typed_local_variable(t.NEWLINE, t.COMMA, t.RIGHT_PAREN), True)
        return_type = self.with_recovery(lambda: self.type_(False), 0, t.NEWLINE, t.RIGHT_PAREN)
        arrow = self.with_recovery(lambda: self.expect(t.ARROW, expected_character("=>")), 0, t.NEWLINE, t.RIGHT_PAREN)
        body_newlines = []
        if not isinstance(arrow, n.SkippedTriviaSyntax) and \
                self.peek(skip_newlines=True).text not in DECLARATION_KEYWORDS:
            body_newlines = self.newlines()
        body = self.with_recovery(lambda: self.expression(COMPLEX), 0, t.NEWLINE, t.RIGHT_PAREN)
        return n.TypedLambdaSyntax(n.TypedVariableBlockSyntax(open_, items, close), return_type, arrow,
                                   body_newlines, body)

    def interpolable_string(self) -> Any:
        start_token = self.peek()
        parts: list = []
        first = True
        while True:
            had_errors = complete = False
            kind = self.peek().type
            end_kind = t.STRING_COMPLETE if first else t.STRING_RIGHT
            continue_kind = t.STRING_LEFT if first else t.STRING_MIDDLE
            if kind == end_kind:
                parts.append(self.read())
                complete = True
            elif kind == continue_kind:
                parts.append(self.read())
                value = self.with_recovery(lambda: self.expression(NONE), 0, t.STRING_MIDDLE, t.STRING_RIGHT,
                                           t.NEWLINE)
                if not self.check(t.STRING_MIDDLE, t.STRING_RIGHT, t.NEWLINE):
                    skipped = self.synchronize(self.pos, 0, _unexpected_in_hole, _HOLE_ENDS)
                    value = n.SkippedTriviaSyntax(value.start, skipped.end, [value, skipped])
                parts.append(value)
                if self.check(t.NEWLINE) or self.at_end():
                    had_errors = True
            else:
                parts.append(self.synchronize(self.pos, 0, _unexpected_in_hole, _HOLE_ENDS))
                if not self.check(t.STRING_MIDDLE, t.STRING_RIGHT):
                    had_errors = True
            if complete:
                string_tokens = [p for p in parts if isinstance(p, Token)]
                expressions = [p for p in parts if not isinstance(p, Token)]
                multiline, dollars = string_info(string_tokens[0])
                values = [string_value(tok, multiline, dollars) for tok in string_tokens]
                segments = [v for v in values if v is not None]
                if len(segments) == len(values):
                    return n.StringSyntax(string_tokens, expressions, segments)
                had_errors = True
            if had_errors:
                end = self.peek().start
                return n.SkippedTriviaSyntax(start_token.start, end, parts)
            first = False

    # -- loops and conditions -------------------------------------------------------------------------------
    def for_expression(self, flags: int, resource_or_module: bool) -> Any:
        open_ = self.read()
        open_newlines = self.newlines()
        for_keyword = self.expect_keyword("for")
        kind = self.peek().type
        if kind == t.IDENTIFIER:
            variable: Any = n.LocalVariableSyntax(n.IdentifierSyntax(self.read()))
        elif kind == t.LEFT_PAREN:
            variable = self.for_variable_block()
        else:
            variable = self.skip_empty(E["loop_item_or_block"])
        in_keyword = self.with_recovery(lambda: self.expect_keyword("in"),
                                        SUPPRESS if self.has_errors(variable) else 0, t.RIGHT_SQUARE, t.NEWLINE)
        expression = self.with_recovery(lambda: self.expression(COMPLEX), self.suppression(in_keyword),
                                        t.COLON, t.RIGHT_SQUARE, t.NEWLINE)
        colon = self.with_recovery(lambda: self.expect(t.COLON, expected_character(":")),
                                   self.suppression(expression), t.RIGHT_SQUARE, t.NEWLINE)
        body = self.with_recovery(lambda: self.for_body(flags, resource_or_module), self.suppression(colon),
                                  t.RIGHT_SQUARE, t.NEWLINE)
        close_newlines = [] if isinstance(body, n.SkippedTriviaSyntax) else self.newlines()
        close = self.with_recovery(lambda: self.expect(t.RIGHT_SQUARE, expected_character("]")),
                                   self.suppression(body), t.RIGHT_SQUARE, t.NEWLINE)
        return n.ForSyntax(open_, open_newlines, for_keyword, variable, in_keyword, expression, colon, body,
                           close_newlines, close)

    def for_variable_block(self) -> Any:
        open_, items, close = self.parenthesized_list(lambda: self.expression(NONE), False)
        block = self.variable_block(open_, items, close)
        names = [i for i in block.items if not (isinstance(i, Token) and i.type in (t.COMMA, t.NEWLINE))]
        if len(names) != 2 and not self.has_errors(block):
            return self.skip([block], loop_block_size(len(names)))
        return block

    def for_body(self, flags: int, resource_or_module: bool) -> Any:
        if not resource_or_module:
            return self.expression(flags | COMPLEX)
        current = self.peek()
        if current.type == t.LEFT_BRACE:
            return self.object(flags)
        if self.is_keyword(current, "if"):
            return self.if_condition(flags, inside_for=True)
        raise self.fail(current, E["body_or_if"])

    def if_condition(self, flags: int, inside_for: bool) -> Any:
        keyword = self.expect_keyword("if")
        terminators = (t.RIGHT_SQUARE, t.LEFT_BRACE, t.NEWLINE) if inside_for else (t.LEFT_BRACE, t.NEWLINE)
        condition = self.with_recovery(lambda: self.parenthesized_expression(flags & ~RESOURCES), 0, *terminators)
        closed = isinstance(condition, n.ParenthesizedExpressionSyntax) and \
            not isinstance(condition.close, n.SkippedTriviaSyntax)
        body = self.with_recovery(lambda: self.object(flags), self.suppression(condition, closed),
                                  *((t.RIGHT_SQUARE, t.NEWLINE) if inside_for else (t.NEWLINE,)))
        return n.IfConditionSyntax(keyword, condition, body)

    def has_errors(self, syntax: Any) -> bool:
        """Whether the lexer or parser found an error inside ``syntax``."""
        for diagnostic in self.lexer_diagnostics:
            if syntax.start <= diagnostic.start < syntax.end or diagnostic.start == syntax.start:
                return True
        return any(isinstance(x, n.SkippedTriviaSyntax) and x.diagnostics for x in n.walk(syntax))

    # -- types ----------------------------------------------------------------------------------------------
    def type_(self, allow_optional_resource_type: bool) -> Any:
        ahead = self.peek_ahead(1)
        if self.check_keyword("resource") and (ahead is None or ahead.type != t.LEFT_CHEVRON):
            keyword = self.read()

            def resource_type() -> Any:
                if allow_optional_resource_type and not self.check(t.STRING_COMPLETE, t.STRING_LEFT):
                    return None
                return self.fail_if_skipped(self.interpolable_string, E["resource_type_string"])

            type_ = self.with_recovery_nullable(resource_type, 0, t.ASSIGNMENT, t.NEWLINE)
            return n.ResourceTypeSyntax(keyword, type_)
        return self.type_expression()

    def type_expression(self) -> Any:
        union: list | None = None
        if self._union_separator():
            union = self.newlines()
            union.append(self.read())
        candidate = self.unary_type_expression()
        if union is None and not self._union_separator():
            return candidate
        union = union if union is not None else []
        union.append(n.UnionTypeMemberSyntax(candidate))
        while self._union_separator():
            union.extend(self.newlines())
            union.append(self.read())
            if self.check(t.NEWLINE):
                union.append(self.skip_empty(E["type_literal"]))
            else:
                union.append(self.with_recovery(lambda: n.UnionTypeMemberSyntax(self.unary_type_expression()), 0))
        return n.UnionTypeSyntax(union)

    def _union_separator(self) -> bool:
        if self.check(t.PIPE):
            return True
        ahead = self.peek_ahead()
        return self.check(t.NEWLINE) and ahead is not None and ahead.type == t.PIPE

    def unary_type_expression(self) -> Any:
        operator = self.peek()
        if operator.type in _UNARY:
            self.read()
            operand = self.with_recovery(self.member_type_expression, 0, *_EXPRESSION_TERMINATORS)
            candidate: Any = n.UnaryTypeOperationSyntax(operator, operand)
        else:
            candidate = self.member_type_expression()
        while True:
            if self.check(t.QUESTION):
                candidate = n.NullableTypeSyntax(candidate, self.read())
            elif self.check(t.EXCLAMATION):
                candidate = n.NonNullableTypeSyntax(candidate, self.read())
            else:
                return candidate

    def member_type_expression(self) -> Any:
        current = self.primary_type_expression()
        while True:
            if self.check(t.LEFT_SQUARE):
                open_ = self.read()
                if self.check(t.RIGHT_SQUARE):
                    current = n.ArrayTypeSyntax(n.ArrayTypeMemberSyntax(current), open_, self.read())
                elif self.check(t.ASTERISK):
                    asterisk = self.read()
                    close = self.expect(t.RIGHT_SQUARE, expected_character("]"))
                    current = n.TypeItemsAccessSyntax(current, open_, asterisk, close)
                else:
                    index = self.expression(NONE)
                    close = self.expect(t.RIGHT_SQUARE, expected_character("]"))
                    current = n.TypeArrayAccessSyntax(current, open_, index, close)
            elif self.check(t.DOT):
                dot = self.read()
                if self.check(t.ASTERISK):
                    current = n.TypeAdditionalPropertiesAccessSyntax(current, dot, self.read())
                    continue
                name = self.identifier_or_skip(E["function_or_property"])
                if self.check(t.LEFT_CHEVRON):
                    open_, items, close = self.parameterized_type(name)
                    current = n.InstanceParameterizedTypeInstantiationSyntax(current, dot, name, open_, items, close)
                else:
                    current = n.TypePropertyAccessSyntax(current, dot, name)
            else:
                return current

    def primary_type_expression(self) -> Any:
        token = self.peek()
        kind = token.type
        if kind in (t.INTEGER, t.NULL, t.TRUE, t.FALSE):
            token = self.read()
            if kind == t.TRUE or kind == t.FALSE:
                return n.BooleanTypeLiteralSyntax(token)
            if kind == t.NULL:
                return n.NullTypeLiteralSyntax(token)
            if int(token.text) > 0xFFFFFFFFFFFFFFFF:
                raise self.fail(token, E["invalid_integer"])
            return n.IntegerTypeLiteralSyntax(token, int(token.text))
        if kind in (t.STRING_COMPLETE, t.STRING_LEFT):
            value = self.interpolable_string()
            if isinstance(value, n.StringSyntax):
                return n.StringTypeLiteralSyntax(value.tokens, value.expressions, value.segments)
            return value
        if kind == t.LEFT_BRACE:
            return self.object_type()
        if kind == t.LEFT_SQUARE:
            return self.tuple_type()
        if kind == t.LEFT_PAREN:
            open_, items, close = self.parenthesized_list(self.type_expression, False)
            return n.ParenthesizedTypeSyntax(open_, self.parenthesized_content(open_, items), close)
        if kind == t.IDENTIFIER:
            name = n.IdentifierSyntax(self.read())
            if self.check(t.LEFT_CHEVRON):
                open_, items, close = self.parameterized_type(name)
                return n.ParameterizedTypeInstantiationSyntax(name, open_, items, close)
            return n.TypeVariableAccessSyntax(name)
        raise self.fail(token, E["type_expression"])

    def parameterized_type(self, name: Any) -> tuple[Token, list, Any]:
        open_ = self.read()
        items = self.function_elements(t.RIGHT_CHEVRON, lambda: n.ParameterizedTypeArgumentSyntax(
            self.with_recovery(self.type_expression, 0, t.NEWLINE, t.COMMA, t.RIGHT_CHEVRON)))
        close = self.read() if self.check(t.RIGHT_CHEVRON) else self.skip_empty(expected_character(">"))
        return open_, items, close

    def object_type(self) -> Any:
        open_ = self.expect(t.LEFT_BRACE, expected_character("{"))
        items = self.array_or_object_elements(t.RIGHT_BRACE, self.object_type_property)
        close = self.expect(t.RIGHT_BRACE, expected_character("}"))
        return n.ObjectTypeSyntax(open_, items, close)

    def object_type_property(self) -> Any:
        decorators = self.decorators()
        current = self.peek()

        def key_of() -> Any:
            if current.type == t.IDENTIFIER:
                return n.IdentifierSyntax(self.read())
            if current.type in (t.STRING_COMPLETE, t.STRING_LEFT):
                return self.interpolable_string()
            if current.type == t.ASTERISK:
                return self.read()
            return self.skip_empty(E["property_or_matcher"])

        key = self.with_recovery(lambda: self.fail_if_skipped(key_of, E["property_name"]), 0,
                                 t.COLON, t.NEWLINE, t.RIGHT_BRACE)
        colon = self.with_recovery(lambda: self.expect(t.COLON, expected_character(":")), self.suppression(key),
                                   t.NEWLINE, t.RIGHT_BRACE)
        value = self.with_recovery(self.type_expression, self.suppression(colon), t.NEWLINE, t.RIGHT_BRACE)
        if isinstance(key, Token) and key.type == t.ASTERISK:
            return n.ObjectTypeAdditionalPropertiesSyntax(decorators, key, colon, value)
        return n.ObjectTypePropertySyntax(decorators, key, colon, value)

    def tuple_type(self) -> Any:
        open_ = self.expect(t.LEFT_SQUARE, expected_character("["))
        items = self.array_or_object_elements(t.RIGHT_SQUARE, lambda: self.with_recovery(
            lambda: self._tuple_item(), 0, t.NEWLINE, t.RIGHT_SQUARE))
        close = self.expect(t.RIGHT_SQUARE, expected_character("]"))
        return n.TupleTypeSyntax(open_, items, close)

    def _tuple_item(self) -> Any:
        decorators = self.decorators()
        return n.TupleTypeItemSyntax(decorators, self.type_expression())

    # -- decorators -----------------------------------------------------------------------------------------
    def decorators(self) -> list:
        found: list = []
        while self.check(t.AT):
            found.append(self.decorator())
            found.append(self.with_recovery(self.newline, CONSUME_TERMINATOR, t.NEWLINE))
            while self.check(t.NEWLINE):
                found.append(self.read())
        return found

    def decorator(self) -> Any:
        at = self.expect(t.AT, expected_character("@"))

        def parse() -> Any:
            name = self.identifier(E["namespace_or_decorator"])
            if self.check(t.LEFT_PAREN):
                open_, items, close = self.function_call_access(COMPLEX)
                current: Any = n.FunctionCallSyntax(name, open_, items, close)
            else:
                current = n.VariableAccessSyntax(name)
            while self.check(t.DOT):
                dot = self.read()
                name = self.identifier_or_skip(E["function_or_property"])
                if self.check(t.LEFT_PAREN):
                    open_, items, close = self.function_call_access(COMPLEX)
                    current = n.InstanceFunctionCallSyntax(current, dot, name, open_, items, close)
                else:
                    current = n.PropertyAccessSyntax(current, dot, None, name)
            return current

        return n.DecoratorSyntax(at, self.with_recovery(parse, 0, t.NEWLINE))

    def declaration(self, *expected_keywords: str) -> Any:
        raise NotImplementedError


def duplicate_properties(node: n.ObjectSyntax) -> list[BicepDiagnostic]:
    """A property written twice in one object (names compared as ARM compares them, ignoring case)."""
    by_name: dict[str, list[n.ObjectPropertySyntax]] = {}
    for prop in node.properties:
        key = prop.key_text
        if key is not None:
            by_name.setdefault(key.lower(), []).append(prop)
    found = []
    for group in by_name.values():
        if len(group) > 1:
            for prop in group:
                found.append(BicepDiagnostic("BCP025", prop.key.start, prop.key.end,
                                             f'The property "{prop.key_text}" is declared more than once in this '
                                             'object.'))
    return found
