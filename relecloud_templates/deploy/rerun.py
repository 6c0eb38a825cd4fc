"""The command lines that deploy's and destroy's hints print: the user's own command, spelled out exactly.

A hint never says "re-run relecloud": it prints the command to paste, with the manifest or rendered folder, the
environment, the options given on the command line (pruning, deny settings, subscriptions, endpoints, ...) and
the units it concerns. Values that came from environment variables are left out (they are still set for the
next run), and so are secrets, which never reach a command line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from relecloud_templates.console import command_line


@dataclass(frozen=True)
class Rerun:
    command: str  # deploy | destroy
    source: tuple[str, ...] = ()  # the manifest or rendered folder, or ("--example",)
    env: str | None = None
    settings: tuple[str, ...] = ()  # the other options given, e.g. ("--prune", "delete")
    mode: tuple[str, ...] = ()  # --what-if, --detailed-exitcode, --validate-only
    selection: tuple[str, ...] = ()  # --unit/--zone as given
    yes: bool = False

    def again(self) -> str:
        """The same command."""
        return self._line(self.selection)

    def for_units(self, names: Iterable[str]) -> str:
        """The same command for these units (with what they need, or what needs them, as --unit selects)."""
        return self._line(tuple(token for name in names for token in ("--unit", name)))

    def finish(self, unfinished: Iterable[str], selected: Iterable[str]) -> str:
        """The command that finishes the job: these units, or the same command when that is all of them."""
        left = list(unfinished)
        return self.again() if set(left) >= set(selected) else self.for_units(left)

    def for_zone(self, zone: str) -> str:
        """A deploy of one zone's units (which prunes that zone's removed units), as a preview."""
        return replace(self, command="deploy", mode=("--what-if",), yes=False)._line(("--zone", zone))

    def whole_plan(self) -> str:
        """A deploy of the whole plan (which prunes every removed unit), as a preview."""
        return replace(self, command="deploy", mode=("--what-if",), yes=False)._line(())

    def _line(self, selection: tuple[str, ...]) -> str:
        env = ("--env", self.env) if self.env else ()
        yes = ("--yes",) if self.yes and not self.mode else ()
        return command_line(self.command, *self.source, *env, *self.settings, *self.mode, *selection, *yes)


def from_context(ctx, source: tuple[str, ...], env: str | None) -> Rerun:
    """The Rerun of the running click command: its options given on the command line, sorted by role."""
    from click.core import ParameterSource

    typed: dict[str, list[str]] = {}
    for param in ctx.command.params:
        name = param.name
        if name is None or name.startswith("console_") or ctx.get_parameter_source(name) is not \
                ParameterSource.COMMANDLINE:
            continue  # -q, -v and --color shape the output only
        value = ctx.params.get(name)
        opt = max(param.opts, key=len) if param.param_type_name == "option" else ""
        if not opt or value is None:
            continue
        if getattr(param, "is_flag", False):
            typed[name] = [opt] if value else []
        elif getattr(param, "multiple", False):
            typed[name] = [token for item in value for token in (opt, str(item))]
        else:
            typed[name] = [opt, str(value)]
    roles = {"mode": ("what_if", "detailed_exitcode", "validate_only"), "selection": ("units", "zones"),
             "left out": ("env", "example", "yes")}
    mode = tuple(t for n in roles["mode"] for t in typed.get(n, ()))
    selection = tuple(t for n in roles["selection"] for t in typed.get(n, ()))
    known = {n for names in roles.values() for n in names}
    settings = tuple(t for n, tokens in typed.items() if n not in known for t in tokens)
    return Rerun(ctx.info_name or ctx.command.name or "deploy", source, env, settings, mode, selection,
                 bool(ctx.params.get("yes")))
