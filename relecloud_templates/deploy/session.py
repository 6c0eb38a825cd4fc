"""One ``relecloud deploy`` or ``destroy`` run: sign in, preview, show, confirm, act in dependency order, report.

``Run`` holds what both share: signing in once before any unit, running a graph of units with live progress
("3/10 units"), slow requests shown, Ctrl-C and SIGTERM answered with the list of what still runs in Azure,
the closing table, the JSON report. ``DeploySession`` previews every unit at once (read only), finds the stacks
of units the manifest no longer has, confirms, deploys, then prunes those stacks. ``DestroySession``
(destroy.py) deletes the stacks in reverse dependency order.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from relecloud_templates.console import Console
from relecloud_templates.deploy import report
from relecloud_templates.deploy.connection import Connection, sign_in
from relecloud_templates.deploy.errors import SignInError
from relecloud_templates.deploy.live import LiveUnits
from relecloud_templates.deploy.plan_file import DeployPlan, Unit
from relecloud_templates.deploy.rerun import Rerun
from relecloud_templates.deploy.runner import AzureUnitRunner, Deployed, Preview, group_creators
from relecloud_templates.deploy.scheduler import Interrupted, Outcome, UnitResult, run_graph
from relecloud_templates.deploy.stacks import StackSettings, orphan_order

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_CHANGES = 0, 1, 2, 2
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143  # the shell's convention: 128 + SIGINT (2) / SIGTERM (15)


class Terminated(KeyboardInterrupt):
    """SIGTERM (the usual CI cancel), raised in the main thread and handled exactly like Ctrl-C."""


@dataclass(frozen=True)
class Options:
    mode: str = "deploy"  # deploy | what-if | validate-only | destroy
    yes: bool = False
    max_parallel: int = 4
    poll: float = 5.0
    endpoint: str | None = None
    detailed_exitcode: bool = False
    as_json: bool = False
    outputs_file: Path | None = None
    # Which stacks of units the plan no longer has a deploy prunes: None every one (the whole plan is selected),
    # else those of these zones (--zone); the others are named, with the command that prunes them.
    prune_zones: tuple[str, ...] | None = None
    grace: float = 5.0  # seconds running units get to return after Ctrl-C (a second Ctrl-C: none)
    rerun: Rerun | None = None  # the command line, for the hints that say what to run next


class Run:
    command = "deploy"

    def __init__(self, plan: DeployPlan, names: list[str], options: Options, clients, secrets, settings: StackSettings,
                 console: Console, confirm: Callable[[str], bool], connection: Connection,
                 reasons: dict[str, str] | None = None):
        self.plan, self.names, self.options, self.console, self.confirm = plan, names, options, console, confirm
        self.settings, self.connection, self.clients, self.reasons = settings, connection, clients, reasons or {}
        self.units = [plan.unit(n) for n in names]
        self.redact = report.Redactor(secrets)
        self.cancel = connection.cancel
        self.live = LiveUnits(console.stream(err=True), names, color=console.use_color(err=True), quiet=console.quiet)
        self.runner = AzureUnitRunner(clients, secrets, settings, cancel=self.cancel, phase=self.phase,
                                      endpoint=options.endpoint, poll=options.poll, watch=connection.watch,
                                      created_groups=group_creators(plan.units),
                                      again=lambda unit: options.rerun.for_units([unit.name]) if options.rerun else "",
                                      max_parallel=options.max_parallel)
        self._phases: dict[str, str] = {}
        self._running: set[str] = set()
        self.started = time.monotonic()
        self.json: dict[str, Any] = {"version": 1, "command": self.command, "mode": options.mode,
                                     "environment": plan.environment, "prune": settings.prune,
                                     "denySettings": settings.deny, "signIn": {"ok": False, "error": None},
                                     "units": [], "orphans": []}

    # -- output -------------------------------------------------------------------------------------------------
    def style(self, text: str, meaning: str) -> str:
        return self.live.style(text, meaning) if self.console.use_color(err=self.options.as_json) else text

    def say(self, text: str = "") -> None:
        """Human output: stdout, or stderr when stdout carries the JSON report."""
        self.live.close()
        self.console.echo(self.redact.text(text), err=self.options.as_json)

    def tell(self, text: str) -> None:
        """Notes and failures: always stderr."""
        self.live.echo(self.redact.text(text))

    def phase(self, unit: str, text: str) -> None:
        self._phases[unit] = text
        self._show_phase(unit)

    def _show_phase(self, unit: str) -> None:
        text = self._phases.get(unit, "")
        waiting = self.connection.watch.status(unit) if unit in self._running else ""
        self.live.phase(unit, self.redact.text(f"{text} ({waiting})" if waiting else text))

    def _tick(self) -> None:
        for unit in list(self._running):
            self._show_phase(unit)

    # -- the parts every run has ------------------------------------------------------------------------------
    def sign_in(self) -> bool:
        """Get a token before any unit starts; on failure say why, once."""
        if self.console.verbose:
            self.live.echo("signing in ...")
        try:
            sign_in(self.clients.credential, self.connection)
        except SignInError as problem:
            self.json["signIn"] = {"ok": False, "error": {"message": problem.headline, "details": problem.details,
                                                          "hint": problem.hint}}
            self.console.error("\n".join(problem.lines()))
            return False
        self.json["signIn"]["ok"] = True
        return True

    def graph(self, names: list[str], depends_on: dict[str, list[str]], work: Callable[[str], Any],
              word: str, explained: frozenset[str] | set[str] = frozenset(),
              report_failures: bool = True) -> dict[str, UnitResult]:
        """Run ``work`` over ``names``, showing "done/total units" and (unless the caller does it, or they are in
        ``explained``) each failure as it happens; KeyboardInterrupt propagates with ``results`` (see run_graph)."""
        total, finished = len(names), [0]

        def started(name: str) -> None:
            self._running.add(name)

        def ended(result: UnitResult) -> None:
            self._running.discard(result.name)
            finished[0] += 1
            shown = report.result_word(result, word) + (f": {result.reason}" if result.reason else "")
            self.live.progress(finished[0], total)
            self.phase(result.name, f"{shown} [{finished[0]}/{total} units]")
            if report_failures and result.outcome is Outcome.FAILED and result.name not in explained:
                self.tell("\n".join(f"{result.name}: {line}" for line in report.failure_lines(result, self.redact)))

        self.live.reset(names)
        try:
            return run_graph(names, depends_on, work, max_parallel=self.options.max_parallel, cancel=self.cancel,
                             on_start=started, on_finish=ended, on_tick=self._tick, grace=self.options.grace,
                             on_interrupt=self._stopping)
        finally:
            self.live.close()

    def _stopping(self, running: list[str]) -> None:
        self.tell(f"stopping: giving {', '.join(running)} {self.options.grace:g} s to come back (press Ctrl-C again "
                  f"to stop waiting now)")

    def interrupted(self, stop: KeyboardInterrupt, results: dict[str, UnitResult] | None = None) -> int:
        self.cancel.set()
        self.live.close()
        terminated = isinstance(stop, Terminated)
        if results:
            self.summary(results)
        in_azure = sorted(self.runner.in_azure.values(), key=lambda pair: pair[0].name)
        finish = self.finish_command(results or {})
        self.console.echo("\n".join(report.interrupted_lines(in_azure, "SIGTERM" if terminated else "Ctrl-C",
                                                             finish)), err=True)
        self.json["stillRunning"] = [{"unit": u.name, "stack": u.deployment_name, "operation": what}
                                     for u, what in in_azure]
        return self.finish(EXIT_TERMINATED if terminated else EXIT_INTERRUPTED, "interrupted", results or {})

    def removed_units(self, wanted: Callable[[Unit], bool] = lambda unit: True, preview: bool = True,
                      ) -> tuple[list[Unit], list[Unit], dict[str, UnitResult]]:
        """The stacks of this estate and environment whose unit the plan no longer has (found by their tags):
        (those ``wanted``, the others, a preview of each wanted one unless not ``preview``). Finding them is a
        read: when it fails, or the plan does not say which estate it is, that is said and none is found."""
        if not (self.settings.prefix and self.settings.environment):
            self.tell("note: plan.json does not say which estate it belongs to (it was rendered before "
                      "environments): stacks of units the manifest no longer has cannot be found; render it again: "
                      f"{self.plan.render_command()}")
            return [], [], {}
        try:
            found = self.runner.find_orphans(self.plan)
        except Interrupted:
            raise
        except Exception as exc:  # a read; its failure is said, and nothing is pruned
            from relecloud_templates.deploy.errors import explain

            self.tell(f"could not look for stacks of removed units: {explain(exc, 'list', self.options.endpoint)}")
            return [], [], {}
        chosen = [o for o in found if wanted(o)]
        if not chosen or not preview:
            return chosen, [o for o in found if o not in chosen], {}
        by_name = {o.name: o for o in chosen}
        results = self.graph(list(by_name), {}, lambda n: self.runner.preview_orphan(by_name[n]), "what-if",
                             report_failures=False)
        return chosen, [o for o in found if o.name not in by_name], results

    def finish_command(self, results: dict[str, UnitResult], everything: bool = False) -> str:
        """The command that finishes the job: for the selected units that did not succeed (all of them when
        ``everything``, e.g. a removed unit's stack failed to go); "" when every unit succeeded."""
        rerun = self.options.rerun
        left = [n for n in self.names if n not in results or results[n].outcome is not Outcome.SUCCEEDED]
        if rerun is None or not (left or everything):
            return ""
        command = rerun.again() if everything else rerun.finish(left, self.names)
        self.json["finish"] = command
        return command

    def tell_finish(self, results: dict[str, UnitResult], everything: bool = False) -> None:
        """After a run that left work undone: the command to run once the cause is fixed."""
        command = self.finish_command(results, everything)
        if command:
            self.tell(f"To finish the job (after fixing what failed): {command}")

    def summary(self, results: dict[str, UnitResult], units: list[Unit] | None = None, mode: str | None = None) -> None:
        self.say("")
        self.say("\n".join(report.summary_table(units or self.units, results, self.style, mode or self.options.mode,
                                                self.redact)
                            + report.data_plane_notes(units or self.units, results)))

    def finish(self, code: int, result: str, results: dict[str, UnitResult],
               previews: dict[str, Preview] | None = None, orphans: list[Unit] | None = None,
               orphan_results: dict[str, UnitResult] | None = None,
               orphan_previews: dict[str, Preview] | None = None) -> int:
        """Close the run: the JSON report (with --output json) and the exit code."""
        if self.options.as_json:
            mode = self.options.mode
            previews = previews or {}
            self.json["units"] = [report.unit_json(u, results.get(u.name), mode, self.redact,
                                                   preview=previews.get(u.name)) for u in self.units]
            orphan_results, orphan_previews = orphan_results or {}, orphan_previews or {}
            orphan_mode = "destroy" if mode == "deploy" else mode
            self.json["orphans"] = [report.unit_json(u, orphan_results.get(u.name), orphan_mode, self.redact,
                                                     orphan=True, preview=orphan_previews.get(u.name))
                                     for u in orphans or []]
            every = [*previews.values(), *orphan_previews.values()]
            self.json["totals"] = {k: v for k, v in report.totals(every).items() if v}
            self.json["changesPending"] = report.pending_count(every) > 0
            self.json.update(result=result, exitCode=code, duration=round(time.monotonic() - self.started, 3))
            import json

            self.console.echo(json.dumps(self.json, indent=2, sort_keys=True, ensure_ascii=False))
        return code


class DeploySession(Run):
    def run(self) -> int:
        previews: dict[str, UnitResult] = {}
        try:
            self._say_selection()
            if not self.sign_in():
                return self.finish(EXIT_FAILED, "failed", {})
            what_if = self.options.mode != "validate-only"
            previews = self.graph(self.names, {}, lambda n: self.runner.preview(self.plan.unit(n), what_if),
                                  "what-if", report_failures=False)  # said with the previews
            zones = self.options.prune_zones
            orphans, kept, orphan_previews = self.removed_units(lambda o: zones is None or o.zone in zones) \
                if what_if else ([], [], {})
            self._say_not_pruned(kept)
            not_pruned = {o.name: UnitResult(o.name, Outcome.NOT_STARTED, reason=f"not pruned: {self._pruned_by(o)}")
                          for o in kept}
            shown = self._show_previews(previews, orphans, orphan_previews)
            orphan_shown = {n: r.value for n, r in orphan_previews.items() if isinstance(r.value, Preview)}
            failed = [n for n, r in previews.items() if r.outcome is not Outcome.SUCCEEDED]
            failed += [n for n, r in orphan_previews.items() if r.outcome is not Outcome.SUCCEEDED]
            if self.options.mode != "deploy":
                self.summary(previews)
                self.tell_finish(previews, everything=any(n not in self.names for n in failed))
                return self._preview_exit(failed, shown, previews, orphans + kept, {**orphan_previews, **not_pruned},
                                          orphan_shown)
            if not self._confirmed({**shown, **orphan_shown}, failed, orphans):
                self.say("Nothing was deployed.")
                return self.finish(EXIT_FAILED, "declined", {}, shown, orphans + kept, not_pruned, orphan_shown)
            # Stacks of removed units first: they are leaves (nothing the manifest has depends on them), and their
            # resources may live in resource groups that an updated landing zone no longer declares.
            orphan_results = self._prune(orphans, orphan_previews)
            results = self._deploy(previews, failed)
            if orphan_results:
                self.summary(orphan_results, orphans, "destroy")
            self.summary(results)
            self._write_outputs(results)
            ok = all(r.outcome is Outcome.SUCCEEDED for r in (*results.values(), *orphan_results.values()))
            self.tell_finish(results, everything=any(r.outcome is not Outcome.SUCCEEDED
                                                     for r in orphan_results.values()))
            return self.finish(EXIT_OK if ok else EXIT_FAILED, "succeeded" if ok else "failed", results, shown,
                               orphans + kept, {**orphan_results, **not_pruned}, orphan_shown)
        except KeyboardInterrupt as stop:
            return self.interrupted(stop, getattr(stop, "results", None))

    def _say_selection(self) -> None:
        for name, why in self.reasons.items():
            unit = self.plan.unit(name)
            self.tell(f"also selected: {name} (zone {unit.zone}), because {why}")

    def _pruned_by(self, orphan: Unit) -> str:
        """The command that prunes a removed unit's stack that this run leaves: a deploy of its zone, or (the zone
        is gone too) of the whole plan; as a preview, to read before running it with --yes."""
        rerun = self.options.rerun
        if rerun is None:
            return "a deploy of the whole plan prunes it"
        if orphan.zone in self.plan.zones():
            return f"`{rerun.for_zone(orphan.zone)}` (its zone) or `{rerun.whole_plan()}` prunes it"
        return f"`{rerun.whole_plan()}` (the whole plan) prunes it"

    def _say_not_pruned(self, kept: list[Unit]) -> None:
        """Removed units' stacks that a deploy of --unit or --zone leaves as they are: said, never silently."""
        zones = self.options.prune_zones
        selection = f"--zone {' --zone '.join(zones)}" if zones else "--unit"
        for orphan in kept:
            self.tell(f"note: the manifest no longer has unit {orphan.name} (zone {orphan.zone}); this deploy of "
                      f"{selection} does not prune its stack {orphan.deployment_name}: {self._pruned_by(orphan)}")

    def _show_previews(self, previews: dict[str, UnitResult], orphans: list[Unit],
                       orphan_previews: dict[str, UnitResult]) -> dict[str, Preview]:
        shown = {n: r.value for n, r in previews.items() if isinstance(r.value, Preview)}
        shown_orphans = {n: r.value for n, r in orphan_previews.items() if isinstance(r.value, Preview)}
        if self.options.mode == "validate-only":
            for name, result in previews.items():
                if result.outcome is not Outcome.SUCCEEDED:
                    self.tell("\n".join(f"{name}: {line}" for line in report.failure_lines(result, self.redact)))
            return shown
        verbose = self.console.verbose
        lines = report.legend([*shown.values(), *shown_orphans.values()], verbose)
        for unit in self.units:
            result = previews[unit.name]
            if result.outcome is Outcome.SUCCEEDED:
                lines += report.preview_lines(unit, result.value, self.style, self.redact, verbose=verbose)
            else:
                self.tell("\n".join(f"{unit.name}: {line}" for line in report.failure_lines(result, self.redact)))
        for orphan in orphans:
            if orphan.name in shown_orphans:
                lines += report.preview_lines(orphan, shown_orphans[orphan.name], self.style, self.redact, orphan=True)
            else:
                self.tell("\n".join(f"{orphan.name} (stack of a removed unit): {line}"
                                     for line in report.failure_lines(orphan_previews[orphan.name], self.redact)))
        if shown or shown_orphans:
            lines += report.overall_lines({**shown, **shown_orphans}, self.style)
        self.say("\n".join(lines))
        return {**shown}

    def _preview_exit(self, failed: list[str], shown: dict[str, Preview], previews, orphans, orphan_previews,
                      orphan_shown: dict[str, Preview]) -> int:
        everything = [*shown.values(), *orphan_shown.values()]
        if failed:
            code = EXIT_FAILED
        elif self.options.detailed_exitcode and self.options.mode == "what-if" and report.pending_count(everything):
            code = EXIT_CHANGES
        else:
            code = EXIT_OK
        word = report.RESULT_WORDS[self.options.mode]
        return self.finish(code, "failed" if failed else word, previews, shown, orphans, orphan_previews, orphan_shown)

    def _confirmed(self, shown: dict[str, Preview], failed: list[str], orphans: list[Unit]) -> bool:
        if failed:
            self.tell(f"{len(failed)} unit(s) failed their preview and will not be deployed, nor anything that "
                      f"depends on them: {', '.join(failed)}")
        deletions = [(name, c) for name, p in shown.items() for c in p.changes if c.change_type == "Delete"]
        if deletions:
            # A resource that a removed unit's stack and a unit of the manifest both declare (a shared grant) goes
            # with the removed stack, which is pruned first, and comes back when the unit deploys.
            declared = {c.resource_id.lower(): name for name in self.names if name in shown
                        for c in shown[name].changes if c.change_type not in ("Delete", "Detach")}
            lines = [self.style(f"These {len(deletions)} resource(s) will be DELETED (--prune=delete):", "delete")]
            for name, change in deletions:
                again = declared.get(change.resource_id.lower())
                note = f", then deployed again by unit {again}" if again and again != name else ""
                lines.append(f"  - {change.label}  (unit {name}{note})")
            self.say("\n".join(lines))
        if self.options.yes:
            return True
        count = len(self.names) - len(failed)
        extra = f" and DELETE {len(deletions)} resource(s)" if deletions else ""
        orphaned = f", removing {len(orphans)} stack(s) of units the manifest no longer has" if orphans else ""
        return self.confirm(f"Deploy {count} unit(s) as deployment stacks{orphaned}{extra}?")

    def _deploy(self, previews: dict[str, UnitResult], failed: list[str]) -> dict[str, UnitResult]:
        depends_on = {u.name: list(u.depends_on) for u in self.plan.units}

        def deploy(name: str) -> Deployed:
            if name in failed:
                raise previews[name].error  # type: ignore[misc]
            preview = previews[name].value
            return self.runner.deploy(self.plan.unit(name), preview if isinstance(preview, Preview) else None)

        return self.graph(self.names, depends_on, deploy, "deploy", explained=set(failed))

    def _prune(self, orphans: list[Unit], orphan_previews: dict[str, UnitResult]) -> dict[str, UnitResult]:
        ready = [o for o in orphans if orphan_previews.get(o.name) and
                 orphan_previews[o.name].outcome is Outcome.SUCCEEDED]
        if not ready:
            return {}
        by_name = {o.name: o for o in ready}
        return self.graph(list(by_name), orphan_order(ready), lambda n: self.runner.destroy(
            by_name[n], self.settings.prune), "destroy")

    def _write_outputs(self, results: dict[str, UnitResult]) -> None:
        target = self.options.outputs_file
        if target is None:
            return
        import json

        from relecloud_templates.fsutil import write_atomic

        outputs = {n: self.redact.value(r.value.outputs) for n, r in results.items() if isinstance(r.value, Deployed)}
        try:
            write_atomic(target, json.dumps(outputs, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
        except OSError as exc:
            self.console.error(f"cannot write {target}: {exc.strerror or exc}")
            return
        self.tell(f"wrote the outputs of {len(outputs)} unit(s) to {target}")
