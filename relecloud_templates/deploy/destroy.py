"""One ``relecloud destroy`` run: read every unit's deployment stack, list what goes, confirm, delete the stacks
in reverse dependency order (workloads, then landing zones, then the management zone), report.

A unit's stack is deleted only after every unit that depends on it is gone; a failed deletion keeps its
prerequisites (they are skipped, naming it), as a failed deployment keeps its dependants from deploying.
"""

from __future__ import annotations

from relecloud_templates.deploy import report
from relecloud_templates.deploy.runner import Destroyed, Preview
from relecloud_templates.deploy.scheduler import Outcome, UnitResult
from relecloud_templates.deploy.session import EXIT_FAILED, EXIT_OK, Run


class DestroySession(Run):
    command = "destroy"

    def run(self) -> int:
        try:
            if self.reasons:
                for name, why in self.reasons.items():
                    self.tell(f"also selected: {name} (zone {self.plan.unit(name).zone}), because {why}")
            if not self.sign_in():
                return self.finish(EXIT_FAILED, "failed", {})
            found = self.graph(self.names, {}, lambda n: self.runner.preview_orphan(self.plan.unit(n)), "what-if",
                               report_failures=False)
            previews = {n: r.value for n, r in found.items() if isinstance(r.value, Preview)}
            failed = [n for n, r in found.items() if r.outcome is not Outcome.SUCCEEDED]
            for name in failed:
                self.tell("\n".join(f"{name}: {line}" for line in report.failure_lines(found[name], self.redact)))
            if failed:
                self.tell(f"cannot read the stacks of {', '.join(failed)}: nothing was destroyed")
                self.tell_finish(found, everything=True)
                return self.finish(EXIT_FAILED, "failed", found, previews)
            if not self._confirmed(previews):
                self.say("Nothing was destroyed.")
                return self.finish(EXIT_FAILED, "declined", {}, previews)
            results = self.graph(list(reversed(self.names)), self._dependants(),
                                 lambda n: self.runner.destroy(self.plan.unit(n), self.settings.prune), "destroy")
            ordered = {n: results[n] for n in self.names}
            self.summary(ordered)
            self.tell_finish(ordered)
            ok = all(r.outcome is Outcome.SUCCEEDED for r in results.values())
            return self.finish(EXIT_OK if ok else EXIT_FAILED, "destroyed" if ok else "failed", ordered, previews)
        except KeyboardInterrupt as stop:
            return self.interrupted(stop, getattr(stop, "results", None))

    def _dependants(self) -> dict[str, list[str]]:
        """unit -> the units to delete before it: those that depend on it."""
        selected = set(self.names)
        return {name: [u.name for u in self.plan.units if name in u.depends_on and u.name in selected]
                for name in self.names}

    def _confirmed(self, previews: dict[str, Preview]) -> bool:
        present = [u for u in self.units if previews[u.name].stack is not None]
        verb = "DELETED" if self.settings.prune == "delete" else "DETACHED (left in Azure, unmanaged)"
        lines = [f"environment {self.plan.environment or '(not recorded)'}: {len(present)} of {len(self.units)} "
                 f"unit(s) have a deployment stack in Azure"]
        count = 0
        for unit in reversed(self.units):  # in the order they go
            preview = previews[unit.name]
            if preview.stack is None:
                lines.append(f"  {unit.name}: no stack (never deployed, or already destroyed)")
                continue
            lines.append(self.style(f"  {unit.name}: stack {unit.deployment_name}, {len(preview.changes)} resource(s) "
                                    f"{verb}:", "delete"))
            lines += [f"      - {change.label}" for change in preview.changes]
            count += len(preview.changes)
        self.say("\n".join(lines))
        if not present:
            return True
        if self.options.yes:
            return True
        return self.confirm(f"Destroy {len(present)} stack(s) of environment {self.plan.environment or '?'}: "
                            f"{count} resource(s) {verb.split(' ')[0]}?")


__all__ = ["DestroySession", "Destroyed", "UnitResult"]
