"""W5008: HTTPS only and TLS 1.2 or newer."""

from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.security._settings import Setting, check_settings, equals, tls_at_least_12

SETTINGS = [
    Setting("Microsoft.Storage/storageAccounts", ("properties", "supportsHttpsTrafficOnly"), equals(True), "true"),
    Setting(
        "Microsoft.Storage/storageAccounts",
        ("properties", "minimumTlsVersion"),
        tls_at_least_12,
        "'TLS1_2'",
        missing_is_bad=True,
    ),
    Setting("Microsoft.EventHub/namespaces", ("properties", "minimumTlsVersion"), tls_at_least_12, "'1.2'"),
    Setting("Microsoft.ServiceBus/namespaces", ("properties", "minimumTlsVersion"), tls_at_least_12, "'1.2'"),
    Setting("Microsoft.Sql/servers", ("properties", "minimalTlsVersion"), tls_at_least_12, "'1.2'"),
    Setting("Microsoft.DBforMySQL/servers", ("properties", "minimalTlsVersion"), tls_at_least_12, "'TLS1_2'"),
    Setting("Microsoft.DBforMySQL/servers", ("properties", "sslEnforcement"), equals("Enabled"), "'Enabled'"),
    Setting("Microsoft.DBforPostgreSQL/servers", ("properties", "minimalTlsVersion"), tls_at_least_12, "'TLS1_2'"),
    Setting("Microsoft.DBforPostgreSQL/servers", ("properties", "sslEnforcement"), equals("Enabled"), "'Enabled'"),
    Setting("Microsoft.DBforMariaDB/servers", ("properties", "minimalTlsVersion"), tls_at_least_12, "'TLS1_2'"),
    Setting("Microsoft.DBforMariaDB/servers", ("properties", "sslEnforcement"), equals("Enabled"), "'Enabled'"),
    Setting("Microsoft.Cache/redis", ("properties", "minimumTlsVersion"), tls_at_least_12, "'1.2'"),
    Setting("Microsoft.Cache/redis", ("properties", "enableNonSslPort"), equals(False), "false"),
    Setting("Microsoft.Web/sites", ("properties", "httpsOnly"), equals(True), "true"),
    Setting("Microsoft.Devices/IotHubs", ("properties", "minTlsVersion"), tls_at_least_12, "'1.2'"),
    Setting(
        "Microsoft.DocumentDB/databaseAccounts",
        ("properties", "minimalTlsVersion"),
        equals("Tls12", "Tls13"),
        "'Tls12'",
    ),
]


class TransportSecurity(Rule):
    id = "W5008"
    previous_ids = ("E5008",)
    name = "transport-security"
    profiles = {"security-baseline": "error"}
    description = "Data services accept HTTPS only and TLS 1.2 or newer."
    explanation = """TLS 1.0 and 1.1 are broken and retired across Azure; plain HTTP sends data and credentials in
clear. Storage accounts must set `supportsHttpsTrafficOnly` (default true) and `minimumTlsVersion` TLS1_2
(older API versions default to TLS1_0, so it must be written); Event Hubs, Service Bus, SQL, MySQL,
PostgreSQL, MariaDB, Redis, IoT Hub, Cosmos DB and App Service must not be set below TLS 1.2 or to allow
plain connections.

Equivalents: checkov CKV_AZURE_3, CKV_AZURE_44, CKV_AZURE_52, CKV_AZURE_223; PSRule
Azure.Storage.SecureTransfer, Azure.Storage.MinTLS, Azure.EventHub.MinTLS, Azure.SQL.MinTLS."""

    def check(self, ctx: RuleContext) -> None:
        check_settings(ctx, SETTINGS, "allows insecure transport")
