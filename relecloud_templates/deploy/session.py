"""One ``relecloud deploy`` run: preview every unit, show it, confirm, deploy in dependency order, report.

Preview (validate and what-if) only reads, so every selected unit is previewed at once. A unit whose
resource group a prerequisite creates is previewed again right before it deploys. A unit that fails its
preview is not deployed, and neither is anything that depends on it; the others go on.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable

from relecloud_templates.console import Console
from relecloud_templates.deploy.live import LiveUnits
from relecloud_templates.deploy.plan import DeployPlan
from relecloud_templates.deploy.report import (failure_lines, interrupted_lines, preview_lines, summary_table)
from relecloud_templates.deploy.runner import AzureUnitRunner, Preview, group_creators
from relecloud_templates.deploy.scheduler import Outcome, UnitResult, run_graph

EXIT_INTERRUPTED = 130  # the shell's convention for a run stopped by SIGINT (Ctrl-C)


@dataclass(frozen=True)
class Options:
    what_if: bool = False
    validate_only: bool = False
    yes: bool = False
    complete: bool = False
    max_parallel: int = 4
    poll: float = 5.0
    endpoint: str | None = None


class Session:
    def __init__(self, plan: DeployPlan, names: list[str], options: Options, clients, secrets,
                 console: Console, confirm: Callable[[str], bool]):
        self.plan, self.names, self.options, self.console, self.confirm = plan, names, options, console, confirm
        self.units = [plan.unit(n) for n in names]
        self.cancel = threading.Event()
        self.live = LiveUnits(console.stream(err=True), names, color=console.use_color(err=True),
                              quiet=console.quiet)
        self.runner = AzureUnitRunner(clients, secrets, complete=options.complete, cancel=self.cancel,
                                      phase=self.live.phase, endpoint=options.endpoint, poll=options.poll,
                                      created_groups=group_creators(plan.units))

    def style(self, text: str, meaning: str) -> str:
        return self.live.style(text, meaning) if self.console.use_color() else text

    def run(self) -> int:
        what_if = not self.options.validate_only
        previews = self._graph({}, lambda name: self.runner.preview(self.plan.unit(name), what_if))
        if previews is None:
            return EXIT_INTERRUPTED
        self._show_previews(previews)
        if self.options.complete:
            self._complete_notes(previews)
        failed = [n for n, r in previews.items() if r.outcome is not Outcome.SUCCEEDED]
        if self.options.what_if or self.options.validate_only:
            self._summary(previews)
            return 1 if failed else 0
        if not self._confirmed(previews, failed):
            self.console.echo("Nothing was deployed.", err=True)
            return 1
        depends_on = {u.name: u.depends_on for u in self.plan.units}

        def deploy(name: str):
            if name in failed:
                raise previews[name].error
            preview = previews[name].value
            return self.runner.deploy(self.plan.unit(name), preview if isinstance(preview, Preview) else None)

        results = self._graph(depends_on, deploy, report=True, explained=set(failed))
        if results is None:
            return EXIT_INTERRUPTED
        self._summary(results)
        return 0 if all(r.outcome is Outcome.SUCCEEDED for r in results.values()) else 1

    def _graph(self, depends_on, work, report: bool = False, explained: set[str] = frozenset()):
        """Run ``work`` over the units; the results, or None after Ctrl-C (reported here)."""
        def finished(result: UnitResult) -> None:
            text = result.outcome.value + (f": {result.reason}" if result.reason else "")
            self.live.phase(result.name, text)
            if report and result.outcome is Outcome.FAILED and result.name not in explained:
                self.live.echo("\n".join(f"{result.name}: {line}" for line in failure_lines(result)))

        try:
            return run_graph(self.names, depends_on, work, max_parallel=self.options.max_parallel,
                             cancel=self.cancel, on_start=lambda n: self.live.phase(n, "starting"),
                             on_finish=finished)
        except KeyboardInterrupt as stop:
            self.live.close()
            results = getattr(stop, "results", {})
            if report:
                self._summary(results)
            self.console.echo("\n".join(interrupted_lines(self.units, results)), err=True)
            return None
        finally:
            self.live.close()

    def _show_previews(self, previews: dict[str, UnitResult]) -> None:
        for unit in self.units:
            result = previews[unit.name]
            if result.outcome is Outcome.SUCCEEDED and not self.options.validate_only:
                lines = preview_lines(unit, result.value, self.style, self.runner.mode(unit))
                self.console.echo("\n".join(lines))
            elif result.outcome is not Outcome.SUCCEEDED:
                self.console.echo("\n".join(f"{unit.name}: {line}" for line in failure_lines(result)), err=True)

    def _confirmed(self, previews: dict[str, UnitResult], failed: list[str]) -> bool:
        if failed:
            self.console.echo(f"{len(failed)} unit(s) failed their preview and will not be deployed, nor anything "
                              f"that depends on them: {', '.join(failed)}", err=True)
        if self.options.yes:
            return True
        return self.confirm(f"Deploy {len(self.names) - len(failed)} unit(s) in {self._mode_text()} mode?")

    def _complete_notes(self, previews: dict[str, UnitResult]) -> None:
        for line in self._shared_groups():
            self.console.echo(self.style(line, "delete"))
        deletes = sum(r.value.count("Delete") for r in previews.values()
                      if r.outcome is Outcome.SUCCEEDED and isinstance(r.value, Preview))
        note = f"Complete mode: {deletes} resource(s) marked '-' above will be DELETED." if deletes else \
            "Complete mode: nothing would be deleted."
        self.console.echo(self.style(note, "delete" if deletes else "dim"))

    def _shared_groups(self) -> list[str]:
        """Complete mode makes a template own its whole resource group; say where units share one."""
        sharing: dict[tuple[str, str], list[str]] = {}
        for unit in self.plan.units:
            if unit.scope == "resourceGroup":
                sharing.setdefault((unit.subscription_id, unit.resource_group.lower()), []).append(unit.name)
        return [f"Complete mode: resource group {self.plan.unit(names[0]).resource_group} is shared by units "
                f"{', '.join(sorted(names))}; each deletes what the other declares."
                for names in sharing.values() if len(names) > 1 and set(names) & set(self.names)]

    def _mode_text(self) -> str:
        return "Complete" if self.options.complete else "Incremental"

    def _summary(self, results: dict[str, UnitResult]) -> None:
        self.console.echo("")
        self.console.echo("\n".join(summary_table(self.units, results, self.style)))
