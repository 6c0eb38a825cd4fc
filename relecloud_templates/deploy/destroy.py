"""One ``relecloud destroy`` run: read every unit's deployment stack, list what goes, confirm, delete the stacks
in reverse dependency order (workloads, then landing zones, then the management zone), report.

A unit's stack is deleted only after every unit that depends on it is gone; a failed deletion keeps its
prerequisites (they are skipped, naming it), as a failed deployment keeps its dependants from deploying.
"""

from __future__ import annotations

from relecloud_templates.deploy import report
from relecloud_templates.deploy.plan_file import Unit
from relecloud_templates.deploy.runner import Destroyed, Preview
from relecloud_templates.deploy.scheduler import Outcome, UnitResult
from relecloud_templates.deploy.session import EXIT_FAILED, EXIT_OK, Run
from relecloud_templates.deploy.stacks import teardown_order, would_depend_on


class DestroySession(Run):
    command = "destroy"

    def run(self) -> int:
        try:
            if self.reasons:
                for name, why in self.reasons.items():
                    self.tell(f"also selected: {name} (zone {self.plan.unit(name).zone}), because {why}")
            if not self.sign_in():
                return self.finish(EXIT_FAILED, "failed", {})
            # Stacks of units the manifest no longer has go too: all of them with the whole plan, else those that
            # would depend on a unit that goes (a removed product of a landing zone torn down).
            whole = len(self.names) == len(self.plan.units)
            orphans, _, _ = self.removed_units(lambda o: whole or any(would_depend_on(o, u) for u in self.units),
                                               preview=False)
            every = {**{o.name: o for o in orphans}, **{u.name: u for u in self.units}}
            found = self.graph(list(every), {}, lambda n: self.runner.preview_orphan(every[n]), "what-if",
                               report_failures=False)
            previews = {n: r.value for n, r in found.items() if isinstance(r.value, Preview)}
            failed = [n for n, r in found.items() if r.outcome is not Outcome.SUCCEEDED]
            for name in failed:
                self.tell("\n".join(f"{name}: {line}" for line in report.failure_lines(found[name], self.redact)))
            if failed:
                self.tell(f"cannot read the stacks of {', '.join(failed)}: nothing was destroyed")
                self.tell_finish(found, everything=True)
                return self.finish(EXIT_FAILED, "failed", found, previews, orphans, {}, previews)
            if not self._confirmed(previews, orphans):
                self.say("Nothing was destroyed.")
                return self.finish(EXIT_FAILED, "declined", {}, previews, orphans, {}, previews)
            results = self.graph([o.name for o in orphans] + list(reversed(self.names)),
                                 teardown_order(self.units, orphans),
                                 lambda n: self.runner.destroy(every[n], self.settings.prune), "destroy")
            ordered = {n: results[n] for n in self.names}
            gone = {o.name: results[o.name] for o in orphans}
            if gone:
                self.summary(gone, orphans)
            self.summary(ordered)
            self.tell_finish(ordered, everything=any(r.outcome is not Outcome.SUCCEEDED for r in gone.values()))
            ok = all(r.outcome is Outcome.SUCCEEDED for r in results.values())
            return self.finish(EXIT_OK if ok else EXIT_FAILED, "destroyed" if ok else "failed", ordered, previews,
                               orphans, gone, previews)
        except KeyboardInterrupt as stop:
            return self.interrupted(stop, getattr(stop, "results", None))

    def _confirmed(self, previews: dict[str, Preview], orphans: list[Unit]) -> bool:
        present = [u for u in self.units if previews[u.name].stack is not None]
        verb = "DELETED" if self.settings.prune == "delete" else "DETACHED (left in Azure, unmanaged)"
        lines = [f"environment {self.plan.environment or '(not recorded)'}: {len(present)} of {len(self.units)} "
                 f"unit(s) have a deployment stack in Azure"]
        if orphans:
            lines.append(f"and {len(orphans)} stack(s) of units the manifest no longer has (found by their tags)")
        count = 0
        for unit, removed in [*((o, True) for o in orphans), *((u, False) for u in reversed(self.units))]:
            preview = previews[unit.name]  # in the order they go
            if preview.stack is None:
                lines.append(f"  {unit.name}: no stack (never deployed, or already destroyed)")
                continue
            what = " (removed from the manifest)" if removed else ""
            lines.append(self.style(f"  {unit.name}{what}: stack {unit.deployment_name}, {len(preview.changes)} "
                                    f"resource(s) {verb}:", "delete"))
            lines += [f"      - {change.label}" for change in preview.changes]
            count += len(preview.changes)
        self.say("\n".join(lines))
        stacks = len(present) + sum(1 for o in orphans if previews[o.name].stack is not None)
        if not stacks or self.options.yes:
            return True
        return self.confirm(f"Destroy {stacks} stack(s) of environment {self.plan.environment or '?'}: "
                            f"{count} resource(s) {verb.split(' ')[0]}?")


__all__ = ["DestroySession", "Destroyed", "UnitResult"]
