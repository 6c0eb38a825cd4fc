"""The scenario manifest: load YAML with positions, check it against its schema, build the model, check meaning.

``load_manifest(path)`` is the one entry point: it returns a ``Manifest`` or raises ``DiagnosticsError`` with
every problem found, each located at ``file:line:col``.
"""

from relecloud_templates.manifest.loader import load_manifest, read_environments, read_manifest  # noqa: F401
from relecloud_templates.manifest.model import (  # noqa: F401
    ComputePool,
    Integration,
    LandingZone,
    ManagementZone,
    Manifest,
    Network,
    Organization,
    Product,
    Reference,
    Serving,
)
