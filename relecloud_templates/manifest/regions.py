"""Azure region names (the `name` column of `az account list-locations`), public and sovereign clouds."""

AZURE_REGIONS = frozenset(
    """
    australiacentral australiacentral2 australiaeast australiasoutheast austriaeast belgiumcentral brazilsouth
    brazilsoutheast canadacentral canadaeast centralindia centralus chilecentral denmarkeast eastasia eastus
    eastus2 francecentral francesouth germanynorth germanywestcentral indonesiacentral israelcentral italynorth
    japaneast japanwest jioindiacentral jioindiawest koreacentral koreasouth malaysiawest mexicocentral
    newzealandnorth northcentralus northeurope norwayeast norwaywest polandcentral qatarcentral
    southafricanorth southafricawest southcentralus southeastasia southindia spaincentral swedencentral
    swedensouth switzerlandnorth switzerlandwest uaecentral uaenorth uksouth ukwest westcentralus westeurope
    westindia westus westus2 westus3
    usgovarizona usgovtexas usgovvirginia usdodcentral usdodeast
    chinaeast chinaeast2 chinaeast3 chinanorth chinanorth2 chinanorth3
    """.split()
)

# Regions with availability zones (Microsoft's "Azure regions list", the programmatic names of regions with three
# zones), where relecloud renders zone-redundant storage (Standard_ZRS), zonal AKS node pools and a zone-redundant
# Application Gateway and public IP. Elsewhere Azure refuses them (ZRS is not offered, `zones` is invalid), so
# those resources are rendered without zones and with locally redundant storage. A region missing from this list
# only loses zone redundancy; one wrongly in it fails to deploy, so the list holds only regions known to have zones.
AVAILABILITY_ZONE_REGIONS = frozenset(
    """
    australiaeast austriaeast belgiumcentral brazilsouth canadacentral centralindia centralus eastasia eastus
    eastus2 francecentral germanywestcentral israelcentral italynorth japaneast koreacentral mexicocentral
    northeurope norwayeast polandcentral qatarcentral southafricanorth southcentralus southeastasia spaincentral
    swedencentral switzerlandnorth uaenorth uksouth westeurope westus2 westus3
    usgovvirginia chinanorth3
    """.split()
)


def availability_zones(region: str) -> list[str]:
    """The zones to spread a zonal resource over in ``region``: 1 to 3, or none where the region has no zones."""
    return ["1", "2", "3"] if region.lower() in AVAILABILITY_ZONE_REGIONS else []
