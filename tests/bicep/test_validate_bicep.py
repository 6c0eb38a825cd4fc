"""`relecloud validate` accepts .bicep files: the lint runner hands them to the Bicep syntax check."""

from __future__ import annotations

from relecloud_templates.lint.config import LintConfig
from relecloud_templates.lint.runner import lint


def test_validate_reports_bicep_syntax_errors_with_positions(tmp_path):
    good = tmp_path / "good.bicep"
    good.write_text("param a string\n\nvar b = '${a}-x'\n")
    bad = tmp_path / "bad.bicep"
    bad.write_text("param a string\nvar b = [\n  a\n")
    result = lint([good, bad], LintConfig())
    assert [(d.location.path, d.location.line, d.location.column, d.code) for d in result.diagnostics] == [
        (str(bad), 4, 1, "E0001")]  # the array is never closed: Bicep reports it at the end of the file
    assert str(good) in result.files
