"""Small manifests built from the model directly: the planner's input, without YAML in between."""

from __future__ import annotations

from relecloud_templates.manifest.model import (
    MANAGEMENT_SERVICES,
    ComputePool,
    Integration,
    LandingZone,
    ManagementZone,
    Manifest,
    Network,
    Organization,
    Peering,
    Product,
    Reference,
    Serving,
)


def landing_zone(name: str, index: int, integrations=(), products=(), subnets=None) -> LandingZone:
    return LandingZone(
        name=name, subscription_id=f"00000000-0000-4000-8000-00000000000{index}", location="westeurope",
        network=Network(f"10.{index}.0.0/16", dict(subnets or {})),
        integrations=tuple(Integration(zone=name, **i) for i in integrations),
        products=tuple(Product(zone=name, **p) for p in products),
    )


def manifest(*zones: LandingZone, services=MANAGEMENT_SERVICES, topology="mesh", mgmt_subnets=None) -> Manifest:
    return Manifest(
        path="test.yaml", version=1,
        organization=Organization("Test", "tt", "dev", "westeurope", {"Owner": "team@example.com"}),
        management_zone=ManagementZone("hub", "00000000-0000-4000-8000-000000000001", "westeurope",
                                       Network("10.0.0.0/16", dict(mgmt_subnets or {})), "Standard", tuple(services)),
        landing_zones=zones, peering=Peering(topology),
    )


def sales_zone():
    """One zone: a Databricks integration and a Synapse integration with its own pool; an ML product on AKS."""
    return landing_zone(
        "sales", 2,
        integrations=[
            {"name": "orders", "engine": "databricks", "lands_in": "raw", "transform": False},
            {"name": "ledger", "engine": "synapse", "compute_pool": ComputePool("sql", "DW200c")},
        ],
        products=[
            {"name": "forecast", "engine": "machineLearning", "template": "analytics",
             "serving": Serving("aks", "internal"), "reads": (Reference("orders"),)},
        ],
    )


def every_service_estate() -> Manifest:
    """Two peered zones whose workloads, together, make the planner keep every service relecloud has."""
    sales = landing_zone(
        "sales",
        2,
        integrations=[
            {"name": "orders", "engine": "databricks", "lands_in": "raw", "transform": False},
            {
                "name": "ledger",
                "engine": "synapse",
                "compute_pool": ComputePool("sql", "DW200c"),
                "source": "onPremises",
            },
            {"name": "clicks", "engine": "dataFactory", "template": "streaming", "source": "onPremises"},
            {"name": "partners", "engine": "dataFactory", "source": "external"},
            {
                "name": "stock",
                "engine": "synapse",
                "template": "batch",
                "source": "onPremises",
                "compute_pool": ComputePool("spark"),
            },
            {"name": "returns", "engine": "dataFactory", "template": "batch"},
        ],
        products=[
            {
                "name": "forecast",
                "engine": "machineLearning",
                "template": "analytics",
                "serving": Serving("aks", "external", public_hostname="forecast.sales.example.com"),
                "reads": (Reference("orders"),),
            },
            {"name": "margins", "engine": "databricks", "template": "batch", "reads": (Reference("ledger"),)},
        ],
    )
    finance = landing_zone("finance", 3, products=[
        {"name": "revenue", "engine": "synapse", "template": "batch", "consumers": ("powerBI",),
         "reads": (Reference("margins", "sales"),)},
        {"name": "exports", "engine": "dataFactory", "template": "batch", "reads": (Reference("ledger", "sales"),)},
    ])
    return manifest(sales, finance)
