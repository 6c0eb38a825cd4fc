"""Where each integration and product runs: in a deployment unit of its own, or wholly on its zone's shared
engine (and then the landing zone's unit holds whatever it needs: its container, its pool, its runtime).

The scenario's rule: a workload gets a unit only when it deploys something of its own. Every product does (the
data product templates); an integration does only when it uses the batch template (its own pipelines' engine,
Key Vault and monitoring); every other integration runs on the zone's shared Databricks, Data Factory or
Synapse, and "doesn't have to create a deployment".
"""

from __future__ import annotations

from relecloud_templates import naming
from relecloud_templates.manifest.model import Integration, LandingZone, Product

Workload = Integration | Product


def owns_unit(workload: Workload) -> bool:
    return isinstance(workload, Product) or workload.template == "batch"


def on_shared_engine(workload: Workload) -> bool:
    """Whether the workload's pipelines run on its zone's shared engine (not on an engine of its own unit)."""
    return not (isinstance(workload, Integration) and workload.template == "batch")


def shared_engine_users(zone: LandingZone, engine: str, *, integrations: bool = True,
                        products: bool = True) -> list[Workload]:
    found: list[Workload] = []
    if integrations:
        found += shared_engine_integrations(zone, engine)
    if products:
        found += [w for w in zone.products if w.engine == engine]
    return found


def shared_engine_integrations(zone: LandingZone, engine: str) -> list[Integration]:
    """The zone's integrations whose pipelines run on its shared ``engine``."""
    return [w for w in zone.integrations if w.engine == engine and on_shared_engine(w)]


def workload_label(workload: Workload) -> str:
    return f"{workload.zone}/{workload.name}"


def workload_subnet(workload: Workload) -> str:
    return naming.workload_subnet(workload.name)


def aks_subnet(product: Product) -> str:
    return naming.aks_subnet(product.name)
