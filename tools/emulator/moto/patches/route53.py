"""Amazon Route 53 and Route 53 Resolver."""

from __future__ import annotations

import json
from typing import Any

from . import patch


@patch
def CreateHostedZone() -> None:
    """A hosted zone created with a `VPC` is a private hosted zone, and VPCs of other Regions can
    be associated with it afterwards; moto makes it public unless HostedZoneConfig.PrivateZone is
    also given, and then refuses AssociateVPCWithHostedZone.
    https://docs.aws.amazon.com/Route53/latest/APIReference/API_CreateHostedZone.html
    https://docs.aws.amazon.com/Route53/latest/APIReference/API_AssociateVPCWithHostedZone.html
    """
    from moto.route53.responses import Route53

    create = Route53.create_hosted_zone

    def create_hosted_zone(self: Route53) -> Any:
        get_bool = self._get_bool_param
        with_vpc = bool(self._get_param("VPC.VPCId"))

        def private(name: str, default: Any = None) -> Any:
            if name == "HostedZoneConfig.PrivateZone" and with_vpc:
                return True
            return get_bool(name, default)

        self._get_bool_param = private
        return create(self)

    Route53.create_hosted_zone = create_hosted_zone


@patch
def CreateResolverEndpoint() -> None:
    """A Resolver endpoint keeps its `Protocols` (Do53 by default) and `ResolverEndpointType`
    (IPV4 by default) and returns them; moto drops both.
    https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_CreateResolverEndpoint.html
    https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_ResolverEndpoint.html
    """
    from moto.route53resolver.models import ResolverEndpoint
    from moto.route53resolver.responses import Route53ResolverResponse

    create, description = Route53ResolverResponse.create_resolver_endpoint, ResolverEndpoint.description

    def create_resolver_endpoint(self: Route53ResolverResponse) -> str:
        answer = json.loads(create(self))
        endpoint = self.route53resolver_backend.resolver_endpoints[answer["ResolverEndpoint"]["Id"]]
        endpoint.protocols = self._get_param("Protocols") or ["Do53"]
        endpoint.resolver_endpoint_type = self._get_param("ResolverEndpointType") or "IPV4"
        return json.dumps({"ResolverEndpoint": endpoint.description()})

    def endpoint_description(self: ResolverEndpoint) -> dict[str, Any]:
        result = description(self)
        result["Protocols"] = getattr(self, "protocols", ["Do53"])
        result["ResolverEndpointType"] = getattr(self, "resolver_endpoint_type", "IPV4")
        return result

    Route53ResolverResponse.create_resolver_endpoint = create_resolver_endpoint
    ResolverEndpoint.description = endpoint_description


@patch
def CreateHealthCheck() -> None:
    """A CLOUDWATCH_METRIC health check keeps its `AlarmIdentifier` and
    `InsufficientDataHealthStatus`, and has no IP address, port, request interval or failure
    threshold (those belong to endpoint checks); moto drops the first two and fills in the rest.
    https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html
    """
    from moto.route53.models import HealthCheck
    from moto.route53.responses import Route53

    create, config = Route53.create_health_check, HealthCheck.health_check_config.fget

    def create_health_check(self: Route53) -> Any:
        response = create(self)
        given = self._get_param("HealthCheckConfig")
        check = response.result["HealthCheck"]
        check.alarm_identifier = given.get("AlarmIdentifier")
        check.insufficient_data_health_status = given.get("InsufficientDataHealthStatus")
        return response

    def health_check_config(self: HealthCheck) -> dict[str, Any]:
        result = config(self)
        if self.type_ == "CLOUDWATCH_METRIC":
            for key in ("IPAddress", "Port", "RequestInterval", "FailureThreshold", "MeasureLatency"):
                result.pop(key, None)
        if getattr(self, "alarm_identifier", None):
            result["AlarmIdentifier"] = self.alarm_identifier
        if getattr(self, "insufficient_data_health_status", None):
            result["InsufficientDataHealthStatus"] = self.insufficient_data_health_status
        return result

    Route53.create_health_check = create_health_check
    HealthCheck.health_check_config = property(health_check_config)
