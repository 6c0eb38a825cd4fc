"""Hypothesis strategies for ARM templates, parameter files and Bicep text: structure drawn from ARM's
vocabulary, with the hostile values the issue names (evaluation bombs, deep nesting, huge numbers, lone
surrogates, control characters) mixed in, and text mutations of what relecloud itself renders."""

from __future__ import annotations

from hypothesis import strategies as st

SCHEMAS = [
    "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
    "https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#",
    "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplat.json#",
]
PARAMETERS_SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"
TYPES = ["string", "securestring", "int", "bool", "object", "secureObject", "array", "String", "float", 7]
RESOURCE_TYPES = ["Microsoft.Storage/storageAccounts", "Microsoft.KeyVault/vaults", "Microsoft.Network/virtualNetworks",
                  "Microsoft.Network/privateEndpoints", "Microsoft.Resources/deployments", "Microsoft.Sql/servers",
                  "Microsoft.Storage/storageAccounts/blobServices/containers", "Microsoft.Unknown/things", "x", ""]
API_VERSIONS = ["2023-05-01", "2022-07-01", "2019-06-01", "2099-01-01", "latest", ""]
EXPRESSIONS = [
    "[parameters('p')]", "[parameters('missing')]", "[variables('v')]", "[concat('a', parameters('p'))]",
    "[padLeft('a', 100000000, 'b')]", "[range(0, 100000000)]", "[string(range(0, 5000))]",
    "[replace(replace(replace(string(parameters('p')), 'a', 'aaaaaaaaaa'), 'a', 'aaaaaaaaaa'), 'a', 'aaaaaaaaaa')]",
    "[concat(concat(concat(concat(concat(concat('a', 'a'), 'a'), 'a'), 'a'), 'a'), 'a')]",
    "[reference('x').outputs.y.value]", "[resourceId('Microsoft.Storage/storageAccounts', 'a')]",
    "[if(true(), 1, 'x')]", "[json('{\"a\": 1}')]", "[base64ToString('!!!')]", "[int('" + "9" * 5000 + "')]",
    "[copyIndex()]", "[union(parameters('p'), json('[]'))]", "[unknownFunction()]", "[concat(", "[[escaped]",
    "[add(9223372036854775807, 1)]", "[div(1, 0)]", "[mod(1, 0)]", "[substring('abc', 5, 10)]",
    "[take('abc', 99999999999)]", "[utcNow()]", "[newGuid()]", "[listKeys('x', '2021-01-01').keys[0].value]",
    "[format('{0}{1}', 'a')]", "[string(parameters('secret'))]", "[createArray(1, 2)[5]]", "['\\udfff']",
    "[" + "(" * 2000 + "1" + ")" * 2000 + "]", "[a.b.c.d.e.f.g]", "[parameters('p')[" * 50 + "0" + "]" * 50 + "]",
]
HOSTILE_TEXT = ["\x1b]0;owned\x07", "\r", "\udfff", "\u202e", "\x00", "a" * 5000, "🙂", "'", "\\", "${x}"]
KEYS = ["type", "name", "properties", "copy", "count", "input", "value", "condition", "dependsOn", "$schema",
        "parameters", "variables", "resources", "outputs", "template", "mode", "expressionEvaluationOptions",
        "metadata", "location", "sku", "kind", "apiVersion", "scope", "existing", "defaultValue", "reference"]


def scalars():
    return (st.none() | st.booleans() | st.integers()
            | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12)
            | st.sampled_from(EXPRESSIONS) | st.sampled_from(HOSTILE_TEXT))


def json_values(max_leaves: int = 20):
    return st.recursive(scalars(), lambda children: st.lists(children, max_size=4)
                        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), children, max_size=4),
                        max_leaves=max_leaves)


def deep(levels: int) -> object:
    value: object = "leaf"
    for _ in range(levels):
        value = {"a": [value]}
    return value


@st.composite
def parameters(draw) -> dict:
    found = {}
    for name in draw(st.lists(st.sampled_from(["p", "secret", "location", "count", "o"]) | st.text(max_size=6),
                              max_size=4, unique=True)):
        definition: dict = {"type": draw(st.sampled_from(TYPES))}
        if draw(st.booleans()):
            definition["defaultValue"] = draw(json_values(8))
        if draw(st.integers(0, 3)) == 0:
            definition["allowedValues"] = draw(st.lists(scalars(), max_size=3))
        if draw(st.integers(0, 4)) == 0:
            definition[draw(st.sampled_from(["minLength", "maxLength", "minValue", "maxValue"]))] = draw(scalars())
        found[name] = definition
    return found


@st.composite
def resources(draw, depth: int = 0) -> list:
    found = []
    for _ in range(draw(st.integers(0, 3))):
        resource: dict = {
            "type": draw(st.sampled_from(RESOURCE_TYPES)),
            "apiVersion": draw(st.sampled_from(API_VERSIONS)),
            "name": draw(scalars()),
        }
        if draw(st.booleans()):
            resource["properties"] = draw(json_values())
        if draw(st.integers(0, 3)) == 0:
            resource["copy"] = {"name": draw(st.text(max_size=4)), "count": draw(scalars())}
        if draw(st.integers(0, 3)) == 0:
            resource["dependsOn"] = draw(st.lists(scalars(), max_size=3))
        if draw(st.integers(0, 4)) == 0:
            resource["condition"] = draw(scalars())
        if resource["type"] == "Microsoft.Resources/deployments" and depth < 2 and draw(st.booleans()):
            resource["properties"] = {"mode": "Incremental", "expressionEvaluationOptions": {"scope": draw(
                st.sampled_from(["inner", "outer", 3]))}, "template": draw(templates(depth + 1))}
        found.append(resource)
    if draw(st.integers(0, 5)) == 0:
        found.append(draw(st.sampled_from([42, "x", None, [], deep(200)])))  # deeper: the text mutations
    return found


@st.composite
def templates(draw, depth: int = 0) -> dict:
    template: dict = {"$schema": draw(st.sampled_from(SCHEMAS)), "contentVersion": "1.0.0.0"}
    template["parameters"] = draw(parameters())
    if draw(st.booleans()):
        variables = draw(
            st.dictionaries(st.sampled_from(["v", "copy", "w"]) | st.text(max_size=5), json_values(8), max_size=3)
        )
        if draw(st.integers(0, 3)) == 0:
            variables["copy"] = [{"name": "c", "count": draw(scalars()), "input": draw(scalars())}]
        template["variables"] = variables
    template["resources"] = draw(resources(depth))
    if draw(st.booleans()):
        template["outputs"] = draw(st.dictionaries(st.text(max_size=5), st.fixed_dictionaries(
            {"type": st.sampled_from(TYPES), "value": scalars()}), max_size=3))
    if draw(st.integers(0, 6)) == 0:
        template[draw(st.sampled_from(["resources", "parameters", "variables", "outputs"]))] = draw(scalars())
    return template


@st.composite
def parameter_files(draw, template: dict) -> dict:
    names = list(template.get("parameters", {}) or {}) if isinstance(template.get("parameters"), dict) else []
    values = {name: {"value": draw(json_values(6))} for name in names if draw(st.booleans())}
    if draw(st.integers(0, 4)) == 0:
        values[draw(st.text(max_size=5))] = {"reference": {"keyVault": {"id": draw(scalars())}, "secretName": "s"}}
    return {"$schema": PARAMETERS_SCHEMA, "contentVersion": "1.0.0.0", "parameters": values}


PIECES = [
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "'",
    "'''",
    "${",
    "@description('x')\n",
    "resource r 'Microsoft.Storage/x@2023-01-01' = {",
    "module m './x.bicep' = {",
    "for i in range(0, 99999999): ",
    "/*",
    "*/",
    "//",
    "\x00",
    "\t",
    "\r",
    "\x1b[2J",
    "🙂",
    "\udfff",
    "param p string\n",
    "var v = ",
    "output o string = ",
    "?",
    ":",
    "!",
    "..",
    "if (",
    "\\u{10FFFF}",
    "(" * 3000,
    "[" * 3000,
    "9" * 5000,
    "existing",
    "=",
    "\n",
    "#disable-next-line",
]


@st.composite
def mutated_text(draw, base: str, pieces: list[str] = PIECES) -> str:
    """``base`` with pieces of syntax and hostile characters put in, and runs of it dropped or repeated."""
    text = base
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "drop", "repeat"]))
        if action == "insert":
            text = text[:at] + draw(st.sampled_from(pieces)) + text[at:]
        else:
            end = min(len(text), at + draw(st.integers(1, 200)))
            text = text[:at] + (text[at:end] * 2 if action == "repeat" else "") + text[end:]
    return text


JSON_PIECES = ["{", "}", "[", "]", ",", ":", '"', '"\\udfff"', '"\\ud800\\udc00"', "9" * 5000, "1e999", "-0", "NaN",
               "//", "/*", "*/", "\x00", "\ufeff", "\x1b[2J", "[" * 5000, "{\"a\":" * 2000, "true", "null",
               '"[padLeft(\'a\', 100000000, \'b\')]"', '"[range(0, 100000000)]"', "\n", "\t"]
