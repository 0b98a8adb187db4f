"""AWS Cloud Map (service discovery)."""

from __future__ import annotations

from typing import Any

from . import patch


@patch
def CreateService() -> None:
    """A Cloud Map service created with `HealthCheckCustomConfig` returns it with
    `FailureThreshold` 1, the only value Cloud Map now uses; moto returns what it was given.
    https://docs.aws.amazon.com/cloud-map/latest/api/API_HealthCheckCustomConfig.html
    """
    from moto.servicediscovery.models import Service

    init = Service.__init__

    def new_init(self: Service, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        if self.health_check_custom_config is not None:
            self.health_check_custom_config = {**self.health_check_custom_config, "FailureThreshold": 1}

    Service.__init__ = new_init


@patch
def DeleteNamespace() -> None:
    """Deleting a DNS namespace deletes the Route 53 hosted zone Cloud Map created for it; moto
    leaves the zone behind.
    https://docs.aws.amazon.com/cloud-map/latest/api/API_DeleteNamespace.html
    https://docs.aws.amazon.com/cloud-map/latest/dg/working-with-namespaces.html
    """
    from moto.route53 import route53_backends
    from moto.servicediscovery.models import ServiceDiscoveryBackend
    from moto.utilities.utils import get_partition

    delete = ServiceDiscoveryBackend.delete_namespace

    def delete_namespace(self: ServiceDiscoveryBackend, namespace_id: str) -> str:
        namespace = self.get_namespace(namespace_id)
        zone_id = (namespace.dns_properties or {}).get("HostedZoneId")
        operation = delete(self, namespace_id)
        if zone_id:
            route53 = route53_backends[self.account_id][get_partition(self.region_name)]
            zone = route53.zones.get(zone_id.replace("/hostedzone/", ""))
            if zone is not None:
                zone.rrsets = [r for r in zone.rrsets if r.type in ("NS", "SOA")]
                route53.delete_hosted_zone(zone_id)
        return operation

    ServiceDiscoveryBackend.delete_namespace = delete_namespace
