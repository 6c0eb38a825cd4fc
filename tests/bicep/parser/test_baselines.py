"""The parser against the Bicep compiler's own golden files, one test per sample folder: the same tokens, the same
syntax tree (every node and token with its span), and the same syntax errors at the same spans."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from relecloud_templates.bicep.parser import nodes, parse
from relecloud_templates.bicep.parser.base import E
from relecloud_templates.bicep.parser.declarations import D
from relecloud_templates.bicep.parser.lexer import lex
from relecloud_templates.bicep.parser.tokens import EOF, Token
from tests.bicep.baselines import BASELINES, annotations, samples

pytestmark = pytest.mark.needs_shared("corpus", "bicep-baselines")

# Codes the lexer and parser report; the others need name resolution or types (the compiler's checks).
# BCP032 (not a compile-time constant) is both: the baselines' BCP032 findings are all the compiler's.
SYNTAX_CODES = ({code for code, _ in list(E.values()) + list(D.values())} | {
    "BCP001", "BCP002", "BCP003", "BCP004", "BCP005", "BCP006", "BCP012", "BCP018", "BCP019", "BCP024", "BCP025",
    "BCP064", "BCP103", "BCP112", "BCP133", "BCP140", "BCP226", "BCP249", "BCP262"}) - {"BCP032"}


def _params(kind: str) -> list:
    return [pytest.param(s, id=s.name) for s in samples(kind)]


def _is_params(sample) -> bool:
    return sample.source.suffix == ".bicepparam"


@pytest.mark.parametrize("sample", _params("tokens"))
def test_tokens(sample):
    expected = [(a, b, label.split(" ", 1)[0]) for a, b, label in annotations(sample, "tokens")]
    tokens, _ = lex(sample.text())
    got = [(tok.start, tok.end, tok.type) for tok in tokens]
    # (one baseline whose file ends inside a token prints no end-of-file line)
    assert [g for g in got if g[2] != EOF] == [e for e in expected if e[2] != EOF]


def _dump(node, depth: int, out: list) -> None:
    if isinstance(node, Token):
        out.append((node.start, node.end, depth, f"Token({node.type})"))
        return
    out.append((node.start, node.end, depth, node.kind))
    for child in node.children():
        _dump(child, depth + 1, out)


def _expected_tree(sample) -> list:
    found = []
    for start, end, label in annotations(sample, "syntax"):
        if label.startswith("ProgramSyntax"):
            found.append((start, end, 0, "ProgramSyntax"))
            continue
        branch = label.index("─")
        found.append((start, end, (branch + 1) // 2, label[branch + 1:].split(" ", 1)[0]))
    return found


@pytest.mark.parametrize("sample", _params("syntax"))
def test_syntax_tree(sample):
    got: list = []
    _dump(parse(sample.text(), params=_is_params(sample)).program, 0, got)
    expected = _expected_tree(sample)
    assert [g for g in got if g[3] != "Token(EndOfFile)"] == [e for e in expected if e[3] != "Token(EndOfFile)"]


@pytest.mark.parametrize("sample", _params("diagnostics"))
def test_syntax_errors_at_the_same_spans(sample):
    expected = Counter()
    for start, end, label in annotations(sample, "diagnostics"):
        match = re.match(r"\[(\S+) \((\w+)\)\]", label)
        if match and match.group(1) in SYNTAX_CODES:
            expected[(match.group(1), start, end)] += 1
    result = parse(sample.text(), params=_is_params(sample))
    assert Counter((d.code, d.start, d.end) for d in result.diagnostics) == expected


def _valid_sources() -> list:
    found = []
    for sample in samples():
        if not sample.valid:
            continue
        for path in sorted(sample.folder.rglob("*.bicep*")):
            if ".tokens." in path.name or ".syntax." in path.name or ".diagnostics." in path.name \
                    or ".symbols." in path.name or ".formatted." in path.name or ".ir." in path.name \
                    or ".sourcemap." in path.name or ".pprint." in path.name:
                continue
            found.append(pytest.param(path, id=str(path.relative_to(BASELINES))))
    return found


# Files of valid samples that the Bicep compiler itself reports syntax errors in (their diagnostics baselines say
# so): module files written to test error handling of the referencing file.
_BROKEN_ON_PURPOSE = {"baselines/Modules_CRLF/modulea.bicep"}


@pytest.mark.parametrize("path", _valid_sources())
def test_valid_samples_parse_without_errors(path):
    text = path.read_text(encoding="utf-8-sig")
    result = parse(text, params=path.suffix == ".bicepparam")
    if str(path.relative_to(BASELINES)) in _BROKEN_ON_PURPOSE:
        return
    assert [(d.code, result.lines.position(d.start), d.message) for d in result.diagnostics] == []


def test_every_sample_kind_is_covered():
    assert len(samples("tokens")) >= 60 and len(samples("syntax")) >= 60
    assert sum(1 for s in samples() if not s.valid) >= 30
    assert len([n for n in dir(nodes) if n.endswith("Syntax")]) > 80
