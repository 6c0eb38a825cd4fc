"""Planning: the deployment units of a manifest, the services each keeps or prunes, and why (see model.py)."""

from relecloud_templates.plan.model import Item, Plan, PlannedUnit, Service  # noqa: F401
from relecloud_templates.plan.planner import build_plan  # noqa: F401
