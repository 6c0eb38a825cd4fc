"""Who administers and reads each service: the manifest's ``access:`` groups turned into roles (after planning).

Every service whose data plane has its own authorisation gets its administrators, so that none is administrable
only by the principal that deployed it: the platform admins everywhere, a zone's owners in the zone's units, a
workload's owners in its own unit. Readers read data: a zone's readers every container of its lakes, a
workload's readers its containers.

- Key Vault: Key Vault Administrator (a role assignment).
- Synapse workspace: its Entra administrator (one group: the workload's owners, else the zone's, else the platform
  admins; ARM ``workspaces/administrators``) and Synapse Administrator for every admin group (Synapse RBAC, data
  plane).
- Machine Learning workspace: Contributor, readers Reader (role assignments).
- Databricks workspace: Contributor (workspace admins on sign-in; a role assignment).
- Data Factory: Data Factory Contributor (a role assignment).
- AKS cluster: the cluster's Entra admin groups (``adminGroupObjectIDs``, ARM).
- Purview: collection administrators, data curators (zone owners), data readers (zone readers) on the root
  collection (metadata policy, data plane).
- Lakes: zone owners Storage Blob Data Contributor, readers Reader, on every container they concern (role
  assignments, plan/access.py).
"""

from __future__ import annotations

from relecloud_templates.manifest.access import Access
from relecloud_templates.manifest.model import Manifest
from relecloud_templates.plan.model import Item, PlannedUnit, Service, ServiceCollector
from relecloud_templates.services import access as specs
from relecloud_templates.services import common, roles

ROLE_NAMES = {roles.KEY_VAULT_ADMINISTRATOR: "Key Vault Administrator", roles.CONTRIBUTOR: "Contributor",
              roles.READER: "Reader", roles.DATA_FACTORY_CONTRIBUTOR: "Data Factory Contributor"}
# service key -> (ARM type, context field holding its name, role for administrators, role for readers or None)
ADMINISTERED = {
    "keyVault": ("Microsoft.KeyVault/vaults", "vault", roles.KEY_VAULT_ADMINISTRATOR, None),
    "machineLearning": ("Microsoft.MachineLearningServices/workspaces", "workspace", roles.CONTRIBUTOR, roles.READER),
    "databricksIntegration": ("Microsoft.Databricks/workspaces", "workspace", roles.CONTRIBUTOR, None),
    "databricksProduct": ("Microsoft.Databricks/workspaces", "workspace", roles.CONTRIBUTOR, None),
    "dataFactory": ("Microsoft.DataFactory/factories", "factory", roles.DATA_FACTORY_CONTRIBUTOR, None),
}
SYNAPSE_ADMINISTRATOR = "Synapse Administrator"
PURVIEW_ROLES = (("collection-administrator", "platform admins"), ("data-curator", "owners of"),
                 ("data-reader", "readers of"))


class AdministratorPlanner:
    def __init__(self, manifest: Manifest, units: list[PlannedUnit]):
        self.manifest = manifest
        self.access: Access = manifest.access
        self.units = units

    def _admins(self, unit: PlannedUnit) -> tuple[str, ...]:
        if unit.kind == "managementZone":
            return self.access.administrators()
        workload = unit.name.removeprefix(f"{unit.zone}-") if unit.kind in ("integration", "product") else None
        return self.access.administrators(unit.zone, workload)

    def _readers(self, unit: PlannedUnit) -> tuple[str, ...]:
        if unit.kind not in ("integration", "product"):
            return ()
        readers = self.access.workload(unit.zone, unit.name.removeprefix(f"{unit.zone}-")).readers
        return (readers,) if readers else ()

    def plan(self) -> None:
        for unit in self.units:
            admins = self._admins(unit)
            if not admins:
                continue
            grants: dict[str | None, list[dict]] = {}
            for service in unit.kept:
                self._service(unit, service, admins, grants)
            for group, found in grants.items():
                self._add(unit, group, found)
            self._purview(unit)

    def _service(self, unit: PlannedUnit, service: Service, admins: tuple[str, ...], grants: dict) -> None:
        key = "keyVault" if service.key.startswith("keyVault") else service.key
        if key in ADMINISTERED:
            rtype, field, role, reader_role = ADMINISTERED[key]
            name = service.context[field]
            for group in admins:
                grants.setdefault(service.resource_group, []).append(
                    _grant(rtype, name, group, role, f"administers {service.title.lower()}"))
            if reader_role is not None:
                for group in self._readers(unit):
                    grants.setdefault(service.resource_group, []).append(
                        _grant(rtype, name, group, reader_role, f"reads {service.title.lower()}"))
        elif key == "synapse":
            self._synapse(unit, service, admins)
        elif key == "aks":
            service.context["admin_groups"] = list(admins)

    def _synapse(self, unit: PlannedUnit, service: Service, admins: tuple[str, ...]) -> None:
        workspace = service.context["workspace"]
        entra_admin = admins[-1]  # the most specific: the workload's owners, else the zone's, else the platform's
        admin = ServiceCollector().add(
            specs.SYNAPSE_ADMIN, [f"{workspace} is administered by Entra groups, not by its deployer"],
            key=f"{service.key}Administrator", title=f"Entra administrator of {workspace}",
            resource_group=service.resource_group, after=(service.key,), workspace=workspace, group=entra_admin)
        unit.services.append(admin)
        admin.data_plane = [{
            "action": "synapseRoleAssignment", "workspace": workspace, "scope": f"workspaces/{workspace}",
            "role": SYNAPSE_ADMINISTRATOR, "principal": group, "principalType": "Group",
            "why": f"{group} administers {workspace}: Synapse RBAC is the workspace's data plane (no ARM type)",
        } for group in admins]

    def _purview(self, unit: PlannedUnit) -> None:
        purview = next((s for s in unit.kept if s.key == "purview"), None)
        if purview is None:
            return
        account = purview.context["account"]
        steps = [_collection_role(account, "collection-administrator", group, "the platform admins administer the "
                                  "catalogue") for group in self.access.administrators()]
        for zone in self.manifest.landing_zones:
            team = self.access.zone(zone.name)
            if team.owners:
                steps.append(_collection_role(account, "data-curator", team.owners, f"the owners of {zone.name} "
                                              "curate its entries"))
            if team.readers:
                steps.append(_collection_role(account, "data-reader", team.readers, f"the readers of {zone.name} "
                                              "read the catalogue"))
        purview.data_plane.extend(steps)

    def _add(self, unit: PlannedUnit, group: str | None, grants: list[dict]) -> None:
        suffix = "" if group is None else "".join(p[:1].upper() + p[1:] for p in group.split("-")[-2:])
        service = ServiceCollector().add(
            common.ACCESS, [f"{len(grants)} roles of the estate's Entra groups on its services"],
            key=f"adminAccess{suffix}", title="Administrators and readers of the services",
            resource_group=group, after=tuple(dict.fromkeys(s.key for s in unit.kept
                                                            if s.resource_group == group and _target_of(s, grants))),
            grants=grants)
        service.items = [
            Item("roleAssignment", f"{g['principal']['group']} -> {g['target']['name']}", True, (g["why"],))
            for g in grants
        ]
        unit.services.append(service)


def _target_of(service: Service, grants: list[dict]) -> bool:
    names = {g["target"]["name"] for g in grants}
    return any(service.context.get(field) in names for field in ("vault", "workspace", "factory"))


def _grant(rtype: str, name: str, group: str, role: str, why: str) -> dict:
    return {"target": {"type": rtype, "name": name}, "principal": {"group": group}, "role": role,
            "why": f"{ROLE_NAMES.get(role, role)}: {why}"}


def _collection_role(account: str, role: str, group: str, why: str) -> dict:
    return {"action": "purviewCollectionRole", "account": account, "collection": account, "scope": f"{account} (root "
            "collection)", "role": role, "principal": group, "principalType": "Group",
            "why": f"{why}: collection roles are Purview's data plane (no ARM type)"}


def apply(manifest: Manifest, units: list[PlannedUnit]) -> None:
    AdministratorPlanner(manifest, units).plan()
