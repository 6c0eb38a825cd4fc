"""The schema rules end to end through the linter: each problem at the offending property, with its hint."""

from __future__ import annotations

import copy
import json

from tests.armschema.conftest import position_of, template_text

STORAGE = {
    "type": "Microsoft.Storage/storageAccounts",
    "apiVersion": "2026-04-01",
    "name": "stlake001",
    "location": "northeurope",
    "kind": "StorageV2",
    "sku": {"name": "Standard_ZRS"},
    "properties": {
        "minimumTlsVersion": "TLS1_2",
        "supportsHttpsTrafficOnly": True,
        "allowBlobPublicAccess": False,
        "isHnsEnabled": True,
        "networkAcls": {"defaultAction": "Deny", "bypass": "AzureServices"},
    },
}


def storage(**changes) -> dict:
    resource = copy.deepcopy(STORAGE)
    for dotted, value in changes.items():
        *parents, last = dotted.split("__")
        target = resource
        for step in parents:
            target = target[step]
        if value is None:
            del target[last]
        else:
            target[last] = value
    return resource


def only(findings, code):
    picked = [d for d in findings if d.code == code]
    assert len(picked) == 1, [d.format() for d in findings]
    return picked[0]


def test_a_valid_resource_has_no_findings(schema_findings):
    assert schema_findings(template_text(STORAGE)) == []


def test_misspelt_property_is_reported_at_its_key_with_the_right_name(schema_findings):
    resource = storage()
    resource["properties"]["minimumTlsVersoin"] = resource["properties"].pop("minimumTlsVersion")
    text = template_text(resource)
    found = only(schema_findings(text), "W3008")
    assert (found.location.line, found.location.column) == position_of(text, '"minimumTlsVersoin"')
    assert found.severity.label == "warning"
    assert "minimumTlsVersoin" in found.message and "properties" in found.message
    assert found.hint == "did you mean 'minimumTlsVersion'?"


def test_other_letter_case_is_information_only(schema_findings):
    resource = storage()
    resource["properties"]["minimumTLSVersion"] = resource["properties"].pop("minimumTlsVersion")
    text = template_text(resource)
    found = only(schema_findings(text), "I3009")
    assert found.severity.label == "info"
    assert (found.location.line, found.location.column) == position_of(text, '"minimumTLSVersion"')
    assert "'minimumTlsVersion'" in found.hint


def test_wrong_json_type_is_reported_at_the_value(schema_findings):
    text = template_text(storage(properties__supportsHttpsTrafficOnly="yes", properties__networkAcls=["Deny"]))
    found = sorted((d for d in schema_findings(text) if d.code == "W3002"), key=lambda d: d.location.line)
    assert [d.message for d in found] == [
        "properties.supportsHttpsTrafficOnly expects a boolean, not string 'yes'",
        "properties.networkAcls expects an object, not an array",
    ]
    assert (found[0].location.line, found[0].location.column) == position_of(text, '"yes"')
    assert (found[1].location.line, found[1].location.column) == position_of(text, '[\n', 2)


def test_scalars_that_providers_convert_are_accepted(schema_findings):
    text = template_text(storage(properties__supportsHttpsTrafficOnly="true", properties__isHnsEnabled="False"))
    assert schema_findings(text) == []


def test_value_outside_a_closed_enum_gets_the_nearest_allowed_value(schema_findings):
    text = template_text(storage(properties__minimumTlsVersion="tls1_2",  # compared case-insensitively, as ARM does
                                 properties__networkAcls={"defaultAction": "Denny"}))
    found = only(schema_findings(text), "W3002")
    assert (found.location.line, found.location.column) == position_of(text, '"Denny"')
    assert found.message == "properties.networkAcls.defaultAction does not allow string 'Denny'"
    assert found.hint == "did you mean 'Deny'? allowed: 'Allow', 'Deny'"
    assert found.severity.label == "warning"  # as Bicep's BCP036/BCP088 on resource bodies


def test_open_enums_report_near_misses_only(schema_findings):
    # The kind of a storage account is an open enum: Azure accepts values the specifications do not list.
    assert schema_findings(template_text(storage(kind="DataLakeGen3"))) == []
    found = only(schema_findings(template_text(storage(kind="StorageV3"))), "W3002")
    assert found.message == ("kind is string 'StorageV3', which is not one of the values "
                             "Microsoft.Storage/storageAccounts@2026-04-01 knows")
    assert found.hint.startswith("did you mean 'StorageV2'?")


def test_missing_required_property_is_reported_at_its_object(schema_findings):
    text = template_text(storage(sku={"tier": "Standard"}))
    found = only(schema_findings(text), "W3023")
    assert found.message == "sku is missing required property 'name'"
    assert (found.location.line, found.location.column) == position_of(text, '{\n', 3)  # "sku": {
    assert "requires 'name'" in found.hint
    read_only = only(schema_findings(text), "W3024")  # and the tier is the provider's to set
    assert read_only.message == "'tier' in sku of Microsoft.Storage/storageAccounts@2026-04-01 is read-only: " \
                                "Azure ignores the value"
    assert (read_only.location.line, read_only.location.column) == position_of(text, '"tier"')


def test_unknown_type_is_an_error_only_for_a_near_miss(schema_findings):
    text = template_text(storage(type="Microsoft.Storage/storageAccount"),
                         storage(type="Microsoft.Storag/storageAccounts", name="stlake002"),
                         storage(type="Microsoft.Storage/quantumVaults", name="stlake003"))
    found = sorted(schema_findings(text), key=lambda d: d.location.line)
    assert [d.code for d in found] == ["E3001", "E3001", "W3020"]  # nothing is guessed about their bodies
    assert (found[0].location.line, found[0].location.column) == position_of(text, '"Microsoft.Storage/storageAccount"')
    assert found[0].message == "unknown resource type 'Microsoft.Storage/storageAccount'"
    assert found[0].hint == "did you mean 'Microsoft.Storage/storageAccounts'? (its newest API version is '2026-04-01')"
    assert found[1].hint.startswith("did you mean 'Microsoft.Storage/storageAccounts'?")
    assert found[2].severity.label == "warning"
    assert found[2].message == ("resource type 'Microsoft.Storage/quantumVaults' is not in the Azure type data of "
                                "2026-08-20 (Microsoft.Storage has no such type)")


def test_unknown_api_version_is_a_warning_naming_the_nearest_versions(schema_findings):
    text = template_text(storage(apiVersion="2023-02-01", properties__notAProperty=1))
    found = only(schema_findings(text), "W3021")
    assert found.message == ("Microsoft.Storage/storageAccounts has no API version '2023-02-01' in the Azure type "
                             "data of 2026-08-20; its properties are not checked")
    assert (found.location.line, found.location.column) == position_of(text, '"2023-02-01"')
    assert found.hint == "the nearest published versions are '2023-01-01' and '2023-04-01'; the newest is '2026-04-01'"
    assert [d.code for d in schema_findings(text)] == ["W3021"]  # without a version, no property is judged


def test_every_api_version_is_checked_against_its_own_type_data(schema_findings):
    older = storage(apiVersion="2019-06-01", properties__minimumTlsVersoin="TLS1_2")
    older["properties"].pop("minimumTlsVersion")
    found = only(schema_findings(template_text(older)), "W3008")
    assert found.message == ("unknown property 'minimumTlsVersoin' in properties of "
                             "Microsoft.Storage/storageAccounts@2019-06-01")
    # A property that a later version added is unknown to an earlier one.
    oldest = storage(apiVersion="2016-01-01")
    messages = sorted(d.message for d in schema_findings(template_text(oldest)) if d.code == "W3008")
    assert ("unknown property 'minimumTlsVersion' in properties of "
            "Microsoft.Storage/storageAccounts@2016-01-01") in messages


def test_expressions_are_not_judged_unless_their_value_is_known(schema_findings):
    parameters = {"kindName": {"type": "string"}, "tier": {"type": "string", "defaultValue": "Warm"}}
    resource = storage(kind="[parameters('kindName')]", properties__accessTier="[parameters('tier')]",
                       properties__allowBlobPublicAccess="[[not an expression]")
    text = template_text(resource, parameters=parameters)
    found = sorted(schema_findings(text), key=lambda d: d.location.line)
    assert [d.message for d in found] == [
        "properties.allowBlobPublicAccess expects a boolean, not string '[not an expression]'",  # '[[' is a literal
        "properties.accessTier does not allow string 'Warm'",  # the parameter's default is known
    ]
    assert (found[1].location.line, found[1].location.column) == position_of(text, "\"[parameters('tier')]\"")


def test_nested_child_resources_are_checked_against_their_own_type(schema_findings):
    container = {"type": "blobServices/containers", "apiVersion": "2026-04-01", "name": "default/raw",
                 "properties": {"publicAccess": "Container", "metadata": {"zone": "raw"}}}
    blob = {"type": "blobServices", "apiVersion": "2026-04-01", "name": "default",
            "properties": {"deleteRetentionPolicy": {"enabled": True, "days": "seven"}}}
    parent = storage(resources=[blob])
    top_level_child = dict(container, type="Microsoft.Storage/storageAccounts/blobServices/containers",
                           name="stlake001/default/raw", properties={"publicAccess": "Public"})
    text = template_text(parent, top_level_child)
    found = sorted(schema_findings(text), key=lambda d: d.location.line)
    assert [(d.code, d.message) for d in found] == [
        ("W3002", "properties.deleteRetentionPolicy.days expects an integer, not string 'seven'"),
        ("W3002", "properties.publicAccess does not allow string 'Public'"),
    ]
    assert (found[1].location.line, found[1].location.column) == position_of(text, '"Public"')


def test_discriminated_objects_are_judged_by_their_member(schema_findings):
    factory = {"type": "Microsoft.DataFactory/factories", "apiVersion": "2018-06-01", "name": "adf",
               "location": "northeurope", "properties": {}}
    linked = {  # the "type" picks the member, and so the shape of "typeProperties"
        "type": "Microsoft.DataFactory/factories/linkedservices", "apiVersion": "2018-06-01", "name": "adf/lake",
        "properties": {"type": "AzureBlobFS", "typeProperties": {"url": "https://x", "tenantt": "t"}},
    }
    typo = {
        "type": "Microsoft.DataFactory/factories/linkedservices", "apiVersion": "2018-06-01", "name": "adf/other",
        "properties": {"type": "AzureBlobFSS", "typeProperties": {"tenantt": "t"}},
    }
    unlisted = {  # the specifications do not list every member: only near misses are reported
        "type": "Microsoft.DataFactory/factories/linkedservices", "apiVersion": "2018-06-01", "name": "adf/new",
        "properties": {"type": "SomeFutureStore", "typeProperties": {"anything": "t"}},
    }
    text = template_text(factory, linked, typo, unlisted)
    found = sorted(schema_findings(text), key=lambda d: d.location.line)
    assert [(d.code, d.message) for d in found] == [
        ("W3008", "unknown property 'tenantt' in properties.typeProperties of "
                  "Microsoft.DataFactory/factories/linkedservices@2018-06-01"),
        ("W3002", "properties.type is string 'AzureBlobFSS', which names no shape of "
                  "Microsoft.DataFactory/factories/linkedservices@2018-06-01"),
    ]
    assert found[0].hint == "did you mean 'tenant'?"
    assert found[1].hint == "did you mean 'AzureBlobFS'?"


def test_property_copy_loops_generate_their_properties(schema_findings):
    vnet = {
        "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2025-07-01", "name": "vnet",
        "location": "northeurope",
        "properties": {
            "addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
            "copy": [{"name": "subnets", "count": 2,
                      "input": {"name": "[format('s{0}', copyIndex('subnets'))]",
                                "properties": {"addressPrefix": "[format('10.0.{0}.0/24', copyIndex('subnets'))]",
                                               "privateEndpointNetworkPolicies": "Disabeld"}}}],
        },
    }
    text = template_text(vnet)
    found = only(schema_findings(text), "W3002")
    assert found.message == ("properties.copy[0].input.properties.privateEndpointNetworkPolicies is string "
                             "'Disabeld', which is not one of the values "
                             "Microsoft.Network/virtualNetworks@2025-07-01 knows")


def test_engine_keys_of_a_resource_are_checked_too(schema_findings):
    text = template_text(storage(condition="yes", dependsOn="x", copy={"name": "c", "count": 2, "mode": "Parallell"}))
    messages = sorted(d.message for d in schema_findings(text))
    assert messages == [
        "condition expects a boolean, not string 'yes'",
        "copy.mode does not allow string 'Parallell'",
        "dependsOn expects an array, not string 'x'",
    ]


def test_existing_resources_are_not_judged_on_their_body(schema_findings):
    document = {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "languageVersion": "2.0", "contentVersion": "1.0.0.0",
        "resources": {"lake": {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2026-04-01",
                               "name": "stlake001", "existing": True}},
    }
    assert schema_findings(json.dumps(document, indent=2)) == []


def test_template_sections_are_checked_against_the_template_schema(schema_findings):
    parameters = {"env": {"type": "string", "defaultVaule": "dev", "allowedValues": "dev"},
                  "tags": {"type": "object", "nullable": True}}
    outputs = {"ids": {"type": "array", "copy": {"count": "two", "input": "x"}}}
    text = template_text(STORAGE, parameters=parameters, outputs=outputs)
    found = sorted((d for d in schema_findings(text) if d.code == "E0007"), key=lambda d: d.location.line)
    assert [d.message for d in found] == [
        "unknown property 'defaultVaule' in parameters.env of deploymentTemplate",
        "parameters.env.allowedValues expects an array, not string 'dev'",
        "outputs.ids.copy.count expects an integer, not string 'two'",
    ]
    assert found[0].hint == "did you mean 'defaultValue'?"
    assert (found[0].location.line, found[0].location.column) == position_of(text, '"defaultVaule"')


def test_what_the_structure_rules_judge_is_not_reported_twice(schema_findings):
    text = template_text(storage(condition=5), parameters={"env": {"type": "strnig", "minValue": "low"}},
                         variables=[])
    assert schema_findings(text) == []
