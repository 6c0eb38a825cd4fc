"""Find and check the `relecloud ...` command lines of CI recipes against the real click commands.

A recipe that names an option or choice the CLI no longer has would fail on the user's CI; these helpers make
it fail here first.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterator

import click

from relecloud_templates.cli import cli

SEPARATORS = {"&&", "||", ";", "|", "&", "\n"}
REDIRECTIONS = {">", ">>", "<", "2>", "&>"}


def script_lines(text: str) -> Iterator[str]:
    """Logical lines of a shell script: continuation backslashes joined, comments dropped."""
    for line in text.replace("\\\n", " ").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def relecloud_invocations(script: str) -> Iterator[list[str]]:
    """The argument lists (without the program name) of every `relecloud` command in ``script``."""
    for line in script_lines(script):
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        command: list[str] = []
        skip_next = False
        for token in [*lexer, ";"]:
            if skip_next:
                skip_next = False
            elif token in REDIRECTIONS:
                skip_next = True  # the file name of a redirection is not an argument
            elif token in SEPARATORS:
                if command and command[0] == "relecloud":
                    yield command[1:]
                command = []
            else:
                command.append(token)


def problems_with(arguments: list[str]) -> list[str]:
    """What the CLI would reject in ``relecloud <arguments>``: unknown command, option or choice."""
    if not arguments:
        return ["`relecloud` without a command"]
    ctx = click.Context(cli, info_name="relecloud")
    command = cli.get_command(ctx, arguments[0])
    if command is None:
        return [f"no command {arguments[0]!r}"]
    options = {name: param for param in command.params if isinstance(param, click.Option)
               for name in (*param.opts, *param.secondary_opts)}
    problems = []
    tokens = iter(arguments[1:])
    for token in tokens:
        if token == "--":
            break
        if not token.startswith("-") or token == "-":
            continue
        name, has_value, value = token.partition("=")
        option = options.get(name)
        if option is None:
            problems.append(f"relecloud {arguments[0]}: no option {name!r}")
            continue
        if option.is_flag or option.count:
            continue
        if not has_value:
            value = next(tokens, None)
        if isinstance(option.type, click.Choice) and value is not None and "$" not in value and \
                value not in option.type.choices:
            problems.append(f"relecloud {arguments[0]} {name}: {value!r} is not one of {list(option.type.choices)}")
    return problems


def positionals_before_separator(arguments: list[str]) -> list[str]:
    """The file names (positional arguments) of ``relecloud <arguments>`` that come before a ``--``: were one of
    them to begin with ``-`` (a file name from a repository), it would be read as an option."""
    ctx = click.Context(cli, info_name="relecloud")
    command = cli.get_command(ctx, arguments[0]) if arguments else None
    if command is None:
        return []
    takes_value = {name for param in command.params if isinstance(param, click.Option)
                   and not (param.is_flag or param.count) for name in (*param.opts, *param.secondary_opts)}
    found = []
    tokens = iter(arguments[1:])
    for token in tokens:
        if token == "--":
            break
        if token.startswith("-") and token != "-":
            if "=" not in token and token in takes_value:
                next(tokens, None)
            continue
        found.append(token)
    return found
