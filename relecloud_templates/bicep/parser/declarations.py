"""Declarations: the statements of a .bicep file and of a .bicepparam file, and the program of each."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from relecloud_templates.bicep.parser import nodes as n
from relecloud_templates.bicep.parser import tokens as t
from relecloud_templates.bicep.parser.base import (
    COMPLEX,
    CONSUME_TERMINATOR,
    RESOURCES,
    BaseParser,
    E,
    expected_character,
)
from relecloud_templates.bicep.parser.tokens import BicepDiagnostic

D = {
    "unrecognized_declaration": ("BCP007", "This declaration is not recognized: expected metadata, param, var, "
                                           "resource, module, output, type, func, import, extension or targetScope."),
    "parameter_continuation": ("BCP008", 'Expected "=" or a new line here.'),
    "parameter_identifier": ("BCP013", "Expected a parameter name here."),
    "variable_identifier": ("BCP015", "Expected a variable name here."),
    "output_identifier": ("BCP016", "Expected an output name here."),
    "resource_identifier": ("BCP017", "Expected a resource name here."),
    "module_identifier": ("BCP096", "Expected a module name here."),
    "metadata_identifier": ("BCP266", "Expected a metadata name here."),
    "type_identifier": ("BCP325", "Expected a type name here."),
    "test_identifier": ("BCP346", "Expected a test name here."),
    "test_path": ("BCP347", "Expected a test path string here."),
    "assert_identifier": ("BCP344", "Expected an assert name here."),
    "file_path": ("BCP257", "Expected a Bicep file path string here."),
    "extends_path": ("BCP406", "The extends declaration is missing a file path."),
    "with_or_newline": ("BCP416", 'Expected the "with" keyword or a new line here.'),
    "params_declaration": ("BCP337", "This declaration is not valid in a Bicep parameters file: use using, extends, "
                                     "param, var, type or extensionConfig."),
}


class Parser(BaseParser):
    """A .bicep file."""

    def program(self) -> n.ProgramSyntax:
        statements: list = []
        while not self.at_end():
            statement = self.declaration()
            statements.append(statement)
            if isinstance(statement, n.Statement) and not isinstance(statement, n.MissingDeclarationSyntax):
                newline = self.with_recovery_nullable(self.newline_or_eof, CONSUME_TERMINATOR, t.NEWLINE)
                if newline is not None:
                    statements.append(newline)
        return n.ProgramSyntax(statements, self.read())

    def declaration(self, *expected_keywords: str) -> Any:
        def parse() -> Any:
            decorators = self.decorators()
            current = self.peek()
            if current.type == t.IDENTIFIER:
                keyword = current.text if not expected_keywords or current.text in expected_keywords else None
                handler = self._DECLARATIONS.get(keyword) if keyword else None
                if handler is not None:
                    return handler(self, decorators)
            elif current.type == t.NEWLINE:
                return self.newline()
            if decorators:
                return n.MissingDeclarationSyntax(decorators)
            raise self.fail(current, D["unrecognized_declaration"])
        return self.with_recovery(parse, 0, t.NEWLINE)

    def target_scope(self, decorators: list) -> Any:
        keyword = self.expect_keyword("targetScope")
        assignment = self.with_recovery(self.assignment, 0, t.NEWLINE)
        value = self.with_recovery(lambda: self.expression(COMPLEX), 0, t.NEWLINE)
        return n.TargetScopeSyntax(decorators, keyword, assignment, value)

    def assignment(self) -> Any:
        return self.expect(t.ASSIGNMENT, expected_character("="))

    def _named_value(self, cls: type, keyword_text: str, name_error: tuple, decorators: list) -> Any:
        """``keyword name = value`` (metadata, assert, bicepparam param)."""
        keyword = self.expect_keyword(keyword_text)
        name = self.identifier_with_recovery(name_error, 0, t.ASSIGNMENT, t.NEWLINE)
        assignment = self.with_recovery(self.assignment, self.suppression(name), t.NEWLINE)
        value = self.with_recovery(lambda: self.expression(COMPLEX), self.suppression(assignment), t.NEWLINE)
        return cls(decorators, keyword, name, assignment, value)

    def metadata(self, decorators: list) -> Any:
        return self._named_value(n.MetadataDeclarationSyntax, "metadata", D["metadata_identifier"], decorators)

    def assert_(self, decorators: list) -> Any:
        return self._named_value(n.AssertDeclarationSyntax, "assert", D["assert_identifier"], decorators)

    def parameter(self, decorators: list) -> Any:
        keyword = self.expect_keyword("param")
        name = self.identifier_with_recovery(D["parameter_identifier"], 0, t.IDENTIFIER, t.NEWLINE)
        type_ = self.with_recovery(lambda: self.type_(False), self.suppression(name),
                                   t.ASSIGNMENT, t.LEFT_BRACE, t.NEWLINE)

        def modifier() -> Any:
            current = self.peek()
            if current.type in (t.NEWLINE, t.EOF):
                return None
            if current.type == t.ASSIGNMENT:
                assignment = self.read()
                value = self.with_recovery(lambda: self.expression(COMPLEX), 0, t.NEWLINE)
                return n.ParameterDefaultValueSyntax(assignment, value)
            raise self.fail(current, D["parameter_continuation"])

        return n.ParameterDeclarationSyntax(decorators, keyword, name, type_,
                                            self.with_recovery_nullable(modifier, self.suppression(type_), t.NEWLINE))

    def variable(self, decorators: list) -> Any:
        keyword = self.expect_keyword("var")
        name = self.identifier_with_recovery(D["variable_identifier"], 0, t.IDENTIFIER, t.NEWLINE)

        def declared_type() -> Any:
            if self.peek().type in (t.EOF, t.NEWLINE, t.ASSIGNMENT):
                return None
            return self.type_(False)

        type_ = self.with_recovery_nullable(declared_type, self.suppression(name), t.ASSIGNMENT, t.NEWLINE)
        assignment = self.with_recovery(self.assignment, self.suppression(type_ if type_ is not None else name),
                                        t.NEWLINE)
        value = self.with_recovery(lambda: self.expression(COMPLEX), self.suppression(assignment), t.NEWLINE)
        return n.VariableDeclarationSyntax(decorators, keyword, name, type_, assignment, value)

    def type_declaration(self, decorators: list) -> Any:
        keyword = self.expect_keyword("type")
        name = self.identifier_with_recovery(D["type_identifier"], 0, t.ASSIGNMENT, t.NEWLINE)
        assignment = self.with_recovery(self.assignment, self.suppression(name), t.NEWLINE)
        value = self.with_recovery(lambda: self.type_(False), self.suppression(name),
                                   t.ASSIGNMENT, t.LEFT_BRACE, t.NEWLINE)
        return n.TypeDeclarationSyntax(decorators, keyword, name, assignment, value)

    def function(self, decorators: list) -> Any:
        keyword = self.expect_keyword("func")
        name = self.identifier_with_recovery(D["variable_identifier"], 0, t.ASSIGNMENT, t.NEWLINE)
        lambda_ = self.with_recovery(self.typed_lambda, self.suppression(name), t.NEWLINE)
        return n.FunctionDeclarationSyntax(decorators, keyword, name, lambda_)

    def output(self, decorators: list) -> Any:
        keyword = self.expect_keyword("output")
        name = self.identifier_with_recovery(D["output_identifier"], 0, t.IDENTIFIER, t.NEWLINE)
        type_ = self.with_recovery(lambda: self.type_(True), self.suppression(name), t.ASSIGNMENT, t.NEWLINE)
        assignment = self.with_recovery(self.assignment, self.suppression(type_), t.NEWLINE)
        value = self.with_recovery(lambda: self.expression(COMPLEX), self.suppression(assignment), t.NEWLINE)
        return n.OutputDeclarationSyntax(decorators, keyword, name, type_, assignment, value)

    def _body(self, allowed: tuple[str, ...], flags: int) -> Any:
        current = self.peek()
        if self.is_keyword(current, "if") and "if" in allowed:
            return self.if_condition(flags, inside_for=False)
        if current.type == t.LEFT_BRACE:
            return self.object(flags)
        if current.type == t.LEFT_SQUARE and "for" in allowed:
            return self.for_expression(flags, resource_or_module=True)
        if allowed == ("{",):
            raise self.fail(current, expected_character("{"))
        raise self.fail(current, E["body_or_if_or_loop"])

    def resource(self, decorators: list) -> Any:
        keyword = self.expect_keyword("resource")
        name = self.identifier_with_recovery(D["resource_identifier"], 0, t.STRING_COMPLETE, t.STRING_LEFT, t.NEWLINE)
        type_ = self.with_recovery(lambda: self.fail_if_skipped(self.interpolable_string, E["resource_type_string"]),
                                   self.suppression(name), t.ASSIGNMENT, t.NEWLINE)
        existing = self.optional_keyword("existing")
        assignment = self.with_recovery(self.assignment, self.suppression(type_), t.LEFT_BRACE, t.NEWLINE)
        newlines = []
        if not isinstance(assignment, n.SkippedTriviaSyntax) and self.is_keyword(self.peek(skip_newlines=True), "if"):
            newlines = self.newlines()
        value = self.with_recovery(lambda: self._body(("if", "{", "for"), RESOURCES | COMPLEX),
                                   self.suppression(assignment), t.NEWLINE)
        return n.ResourceDeclarationSyntax(decorators, keyword, name, type_, existing, assignment, newlines, value)

    def module(self, decorators: list) -> Any:
        keyword = self.expect_keyword("module")
        name = self.identifier_with_recovery(D["module_identifier"], 0, t.STRING_COMPLETE, t.STRING_LEFT, t.NEWLINE)
        path = self.with_recovery(lambda: self.fail_if_skipped(self.interpolable_string, E["module_path_string"]),
                                  self.suppression(name), t.ASSIGNMENT, t.NEWLINE)
        assignment = self.with_recovery(self.assignment, self.suppression(path), t.LEFT_BRACE, t.NEWLINE)
        newlines = self.newlines() if self.is_keyword(self.peek(skip_newlines=True), "if") else []
        value = self.with_recovery(lambda: self._body(("if", "{", "for"), COMPLEX), self.suppression(assignment),
                                   t.NEWLINE)
        return n.ModuleDeclarationSyntax(decorators, keyword, name, path, assignment, newlines, value)

    def test(self, decorators: list) -> Any:
        keyword = self.expect_keyword("test")
        name = self.identifier_with_recovery(D["test_identifier"], 0, t.STRING_COMPLETE, t.STRING_LEFT, t.NEWLINE)
        path = self.with_recovery(lambda: self.fail_if_skipped(self.interpolable_string, D["test_path"]),
                                  self.suppression(name), t.ASSIGNMENT, t.NEWLINE)
        assignment = self.with_recovery(self.assignment, self.suppression(path), t.LEFT_BRACE, t.NEWLINE)
        value = self.with_recovery(lambda: self._body(("{",), COMPLEX), self.suppression(assignment), t.NEWLINE)
        return n.TestDeclarationSyntax(decorators, keyword, name, path, assignment, value)

    def import_(self, decorators: list) -> Any:
        keyword = self.expect_keyword("import")
        if self.peek().type in (t.STRING_LEFT, t.STRING_COMPLETE):
            return self.extension(decorators, keyword)  # the old spelling of an extension declaration
        return self.compile_time_import(keyword, decorators)

    def extension_keyword(self, decorators: list) -> Any:
        return self.extension(decorators, self.read())

    _DECLARATIONS: ClassVar[dict[str, Callable[..., Any]]] = {
        "targetScope": target_scope, "metadata": metadata, "type": type_declaration, "param": parameter,
        "var": variable, "func": function, "resource": resource, "output": output, "module": module,
        "test": test, "import": import_, "extension": extension_keyword, "assert": assert_,
    }

    # -- shared with .bicepparam ----------------------------------------------------------------------------
    def compile_time_import(self, keyword: Any, decorators: list) -> Any:
        kind = self.peek().type
        if kind in (t.EOF, t.NEWLINE, t.IDENTIFIER):
            imported: Any = self.skip_empty(E["symbol_list_or_wildcard"])
        elif kind == t.LEFT_BRACE:
            imported = self.with_recovery(self.imported_symbols, self.suppression(keyword), t.NEWLINE)
        elif kind == t.ASTERISK:
            imported = self.with_recovery(self.wildcard_import, self.suppression(keyword), t.NEWLINE)
        else:
            imported = self.skip([self.read()], E["symbol_list_or_wildcard"])
        from_clause = self.with_recovery(self.import_from, self.suppression(keyword), t.NEWLINE)
        return n.CompileTimeImportDeclarationSyntax(decorators, keyword, imported, from_clause)

    def imported_symbols(self) -> Any:
        open_ = self.expect(t.LEFT_BRACE, expected_character("{"))
        items = self.array_or_object_elements(t.RIGHT_BRACE, self.imported_symbol)
        close = self.expect(t.RIGHT_BRACE, expected_character("}"))
        return n.ImportedSymbolsListSyntax(open_, items, close)

    def imported_symbol(self) -> Any:
        kind = self.peek().type
        if kind == t.IDENTIFIER:
            original: Any = n.IdentifierSyntax(self.read())
        elif kind == t.STRING_COMPLETE:
            original = self.interpolable_string()
        elif kind == t.STRING_LEFT:
            original = self.skip([self.interpolable_string()], E["compile_time_constant"])
        else:
            original = self.skip([self.read()], E["exported_symbol"])
        alias = None
        if self.is_keyword(self.peek(), "as"):
            as_keyword = self.read()
            alias = n.AliasAsClauseSyntax(as_keyword, self.identifier_with_recovery(
                D["type_identifier"], 0, t.COMMA, t.NEWLINE))
        if isinstance(original, n.StringSyntax) and alias is None:
            return self.skip([original], E["import_item_alias"])
        return n.ImportedSymbolsListItemSyntax(original, alias)

    def wildcard_import(self) -> Any:
        asterisk = self.expect(t.ASTERISK, expected_character("*"))
        as_keyword = self.expect_keyword("as")
        name = self.identifier(E["namespace_identifier"])
        return n.WildcardImportSyntax(asterisk, n.AliasAsClauseSyntax(as_keyword, name))

    def import_from(self) -> Any:
        keyword = self.expect_keyword("from")
        path = self.with_recovery(lambda: self.fail_if_skipped(self.interpolable_string, E["module_path_string"]),
                                  self.suppression(keyword), t.NEWLINE)
        return n.CompileTimeImportFromClauseSyntax(keyword, path)

    def extension(self, decorators: list, keyword: Any) -> Any:
        if self.peek().type == t.IDENTIFIER:
            specification: Any = n.IdentifierSyntax(self.read())
        else:
            specification = self.with_recovery(
                lambda: self.fail_if_skipped(self.interpolable_string, E["extension_specification"]), 0, t.NEWLINE)
        current = self.peek()
        if current.type in (t.EOF, t.NEWLINE) or self.is_keyword(current, "as"):
            with_clause: Any = self.skip_empty()
        else:
            with_clause = self.with_recovery(lambda: self.with_clause(E["with_or_as"], n.ExtensionWithClauseSyntax),
                                             self.suppression(specification), t.NEWLINE)
        if self.peek().type in (t.EOF, t.NEWLINE):
            as_clause: Any = self.skip_empty()
        else:
            as_clause = self.with_recovery(self.extension_alias, self.suppression(with_clause), t.NEWLINE)
        return n.ExtensionDeclarationSyntax(decorators, keyword, specification, with_clause, as_clause)

    def with_clause(self, error: tuple, cls: type) -> Any:
        keyword = self.expect_keyword("with", error)
        config = self.with_recovery(lambda: self.object(COMPLEX), 0, t.NEWLINE)
        return cls(keyword, config)

    def extension_alias(self) -> Any:
        keyword = self.expect_keyword("as", E["with_or_as"])
        name = self.identifier_with_recovery(E["extension_alias"], 0, t.NEWLINE)
        return n.AliasAsClauseSyntax(keyword, name)


class ParamsParser(Parser):
    """A .bicepparam file."""

    def declaration(self, *expected_keywords: str) -> Any:
        def parse() -> Any:
            decorators = self.decorators()
            current = self.peek()
            if current.type == t.IDENTIFIER:
                keyword = current.text if not expected_keywords or current.text in expected_keywords else None
                handler = self._PARAMS_DECLARATIONS.get(keyword) if keyword else None
                if handler is not None:
                    return handler(self, decorators)
            elif current.type == t.NEWLINE:
                return self.newline()
            raise self.fail(current, D["params_declaration"])
        return self.with_recovery(parse, 0, t.NEWLINE)

    def using(self, decorators: list) -> Any:
        keyword = self.expect_keyword("using")
        kind = self.peek().type
        if kind == t.IDENTIFIER:
            path: Any = n.NoneLiteralSyntax(self.read())
        elif kind == t.STRING_COMPLETE:
            path = self.with_recovery(lambda: self.fail_if_skipped(self.interpolable_string, D["file_path"]), 0,
                                      t.NEWLINE)
        else:
            path = self.skip_empty(E["symbol_list_or_wildcard"])
        if self.peek().type in (t.EOF, t.NEWLINE):
            with_clause: Any = self.skip_empty()
        else:
            with_clause = self.with_recovery(lambda: self.with_clause(D["with_or_newline"], n.UsingWithClauseSyntax),
                                             self.suppression(path), t.NEWLINE)
        return n.UsingDeclarationSyntax(decorators, keyword, path, with_clause)

    def extends(self, decorators: list) -> Any:
        keyword = self.expect_keyword("extends")
        path = self.with_recovery(lambda: self.fail_if_skipped(self.interpolable_string, D["extends_path"]),
                                  self.suppression(keyword), t.NEWLINE)
        return n.ExtendsDeclarationSyntax(decorators, keyword, path)

    def parameter_assignment(self, decorators: list) -> Any:
        keyword = self.expect_keyword("param")
        name = self.identifier_with_recovery(D["parameter_identifier"], 0, t.IDENTIFIER, t.NEWLINE)
        assignment = self.with_recovery(self.assignment, self.suppression(name), t.NEWLINE)
        value = self.with_recovery(lambda: self.expression(COMPLEX), self.suppression(assignment), t.NEWLINE)
        return n.ParameterAssignmentSyntax(decorators, keyword, name, assignment, value)

    def extension_config(self, decorators: list) -> Any:
        keyword = self.expect_keyword("extensionConfig")
        alias = self.identifier_with_recovery(E["extension_alias"], 0, t.IDENTIFIER, t.NEWLINE)
        with_clause = self.with_recovery(lambda: self.with_clause(keyword_error_with(), n.ExtensionWithClauseSyntax),
                                         self.suppression(alias), t.NEWLINE)
        return n.ExtensionConfigAssignmentSyntax(decorators, keyword, alias, with_clause)

    def params_import(self, decorators: list) -> Any:
        return self.compile_time_import(self.read(), decorators)

    _PARAMS_DECLARATIONS: ClassVar[dict[str, Callable[..., Any]]] = {
        "using": using, "extends": extends, "param": parameter_assignment, "var": Parser.variable,
        "import": params_import, "extensionConfig": extension_config, "extension": Parser.extension_keyword,
        "type": Parser.type_declaration,
    }


def keyword_error_with() -> tuple[str, str]:
    return "BCP012", 'Expected the "with" keyword here.'


def collect_diagnostics(parser: BaseParser, program: n.ProgramSyntax) -> list[BicepDiagnostic]:
    """Every syntax error: the lexer's, those the parser kept in the tree (skipped text, properties declared twice
    in one object), and repeated targetScope or using declarations; in source order."""
    found = list(parser.lexer_diagnostics) + parser.found
    once = ((n.TargetScopeSyntax, "BCP112", 'The "targetScope" can be declared only once in a file.'),
            (n.UsingDeclarationSyntax, "BCP262", "A parameters file has only one using declaration."))
    for kind, code, message in once:
        repeated = [s for s in program.statements if isinstance(s, kind)]
        if len(repeated) > 1:
            found.extend(BicepDiagnostic(code, s.keyword.start, s.keyword.end, message) for s in repeated)
    found.sort(key=lambda d: (d.start, d.end))
    return found
