"""The Bicep function library: what each built-in function is called, how many arguments it takes, and what it
becomes in ARM.

Almost every Bicep function is the ARM function of the same name; the exceptions are computed by the compiler
(``any``, ``nameof``, the ``load*`` file functions) or only valid in some places (``utcNow`` and ``newGuid`` in
parameter defaults, ``getSecret`` for secure module parameters, ``readEnvironmentVariable`` in parameter files).
"""

from __future__ import annotations

# name: (minimum, maximum or None) argument counts; the sys namespace (language functions)
SYS: dict[str, tuple[int, int | None]] = {
    "any": (1, 1), "array": (1, 1), "base64": (1, 1), "base64ToJson": (1, 1), "base64ToString": (1, 1),
    "bool": (1, 1), "buildUri": (1, 1), "cidrHost": (2, 2), "cidrSubnet": (3, 3), "coalesce": (1, None),
    "concat": (1, None), "contains": (2, 2), "dataUri": (1, 1), "dataUriToString": (1, 1),
    "dateTimeAdd": (2, 3), "dateTimeFromEpoch": (0, 1), "dateTimeToEpoch": (0, 1), "distinct": (1, 1),
    "empty": (1, 1), "endsWith": (2, 2), "fail": (1, 1), "filter": (2, 2), "first": (1, 1), "flatten": (1, 1),
    "format": (1, None), "groupBy": (2, 3), "guid": (1, None), "indexOf": (2, 2), "int": (1, 1),
    "intersection": (2, None), "items": (1, 1), "join": (2, 2), "json": (1, 1), "last": (1, 1),
    "lastIndexOf": (2, 2), "length": (1, 1), "like": (2, 2), "loadDirectoryFileInfo": (1, 2),
    "loadFileAsBase64": (1, 1), "loadJsonContent": (1, 3), "loadTextContent": (1, 2), "loadYamlContent": (1, 3),
    "map": (2, 2), "mapValues": (2, 2), "max": (1, None), "min": (1, None), "nameof": (1, 1), "newGuid": (0, 0),
    "objectKeys": (1, 1), "padLeft": (2, 3), "parseCidr": (1, 1), "parseUri": (1, 1), "range": (2, 2),
    "reduce": (3, 3), "replace": (3, 3), "shallowMerge": (1, 1), "skip": (2, 2), "sort": (2, 2),
    "split": (2, 2), "startsWith": (2, 2), "string": (1, 1), "substring": (2, 3), "take": (2, 2),
    "toLower": (1, 1), "toObject": (2, 3), "toUpper": (1, 1), "trim": (1, 1), "union": (2, None),
    "uniqueString": (1, None), "uri": (2, 2), "uriComponent": (1, 1), "uriComponentToString": (1, 1),
    "utcNow": (0, 1),
    # parameter files
    "readEnvironmentVariable": (1, 2), "getSecret": (4, 5), "externalInput": (1, 2),
}

# the az namespace (deployment functions); any name starting with "list" is an az function as well
AZ: dict[str, tuple[int, int | None]] = {
    "deployer": (0, 0), "deployment": (0, 0), "environment": (0, 0), "extensionResourceId": (3, None),
    "managementGroup": (0, 1), "managementGroupResourceId": (2, None), "pickZones": (3, 5), "providers": (1, 2),
    "reference": (1, 3), "resourceGroup": (0, 2), "resourceId": (2, None), "roleDefinitions": (1, 1),
    "subscription": (0, 1), "subscriptionResourceId": (2, None), "tenant": (0, 0), "tenantResourceId": (2, None),
    "toLogicalZone": (3, 3), "toLogicalZones": (3, 3), "toPhysicalZone": (3, 3), "toPhysicalZones": (3, 3),
}

DECORATORS = {"description", "secure", "allowed", "minLength", "maxLength", "minValue", "maxValue", "metadata",
              "batchSize", "export", "discriminator", "sealed", "onlyIfNotExists", "retryOn", "waitUntil"}

PARAMETER_DEFAULTS_ONLY = {"utcNow", "newGuid"}
REQUIRES_INLINING = {"reference", "toLogicalZone", "toLogicalZones", "toPhysicalZone", "toPhysicalZones"}


def is_list_function(name: str) -> bool:
    return name.lower().startswith("list")


def is_function(name: str) -> bool:
    return name in SYS or name in AZ or is_list_function(name)


def namespace_of(name: str) -> str:
    return "sys" if name in SYS else "az"


def requires_inlining(name: str) -> bool:
    """Functions ARM evaluates only while deploying: a variable that calls one is written inline where used."""
    return name in REQUIRES_INLINING or is_list_function(name)


