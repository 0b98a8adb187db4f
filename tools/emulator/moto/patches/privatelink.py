"""AWS PrivateLink: endpoints to endpoint services of other accounts, and their acceptance."""

from __future__ import annotations

from typing import Any

from . import patch


def _service_named(backend: Any, service_name: str) -> Any | None:
    """The endpoint service configuration with this name in any account of the Region."""
    from moto.ec2.models import ec2_backends

    for account in list(ec2_backends.keys()):
        owner = ec2_backends[account][backend.region_name]
        for config in owner.configurations.values():
            if config.service_name == service_name:
                return config
    return None


def _endpoints_of(backend: Any, config: Any) -> list[Any]:
    """Interface endpoints, in any account of the Region, connected to an endpoint service."""
    from moto.ec2.models import ec2_backends

    found = []
    for account in list(ec2_backends.keys()):
        for endpoint in ec2_backends[account][backend.region_name].vpc_end_points.values():
            if endpoint.service_name == config.service_name and endpoint.state != "deleted":
                found.append(endpoint)
    return found


@patch
def CreateVpcEndpoint() -> None:
    """An interface endpoint to an endpoint service of another account needs that account to
    allow the caller (AllowedPrincipals), and waits in `pendingAcceptance` when the service
    requires acceptance. moto makes every endpoint available at once and checks no principal.
    https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html
    """
    from moto.ec2.exceptions import EC2ClientError
    from moto.ec2.models.vpcs import VPCBackend

    create = VPCBackend.create_vpc_endpoint

    def create_vpc_endpoint(self: Any, *args: Any, **kwargs: Any) -> Any:
        service_name = kwargs.get("service_name", args[1] if len(args) > 1 else None)
        config = _service_named(self, service_name) if service_name else None
        if config is not None and config.ec2_backend.account_id != self.account_id:
            allowed = {f"arn:aws:iam::{self.account_id}:root", "*"}
            if not allowed & set(config.principals):
                raise EC2ClientError("InvalidServiceName", f"The Vpc Endpoint Service '{service_name}' does not exist")
        endpoint = create(self, *args, **kwargs)
        if config is not None and config.acceptance_required and config.ec2_backend.account_id != self.account_id:
            endpoint.state = "pendingAcceptance"
        return endpoint

    VPCBackend.create_vpc_endpoint = create_vpc_endpoint


@patch
def AcceptVpcEndpointConnections() -> None:
    """The service owner lists the endpoint connections to its service
    (DescribeVpcEndpointConnections), accepts them (the endpoint becomes `available`) or rejects
    them (`rejected`). moto lacks all three.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcEndpointConnections.html
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AcceptVpcEndpointConnections.html
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RejectVpcEndpointConnections.html
    """
    from moto.core.responses import ActionResult
    from moto.ec2.responses import EC2Response

    def connection(config: Any, endpoint: Any) -> dict[str, Any]:
        return {
            "ServiceId": config.id,
            "VpcEndpointId": endpoint.id,
            "VpcEndpointOwner": endpoint.ec2_backend.account_id,
            "VpcEndpointState": endpoint.state,
            "CreationTimestamp": endpoint.creation_timestamp,
            "NetworkLoadBalancerArns": config.network_load_balancer_arns,
            "GatewayLoadBalancerArns": config.gateway_load_balancer_arns,
            "IpAddressType": "ipv4",
            "VpcEndpointConnectionId": f"vpce-con-{endpoint.id[5:]}",
            "DnsEntries": endpoint.dns_entries or [],
        }

    def describe(self: EC2Response) -> ActionResult:
        filters = self._filters_from_querystring()
        found = []
        for config in self.ec2_backend.configurations.values():
            if "service-id" in filters and config.id not in filters["service-id"]:
                continue
            for endpoint in _endpoints_of(self.ec2_backend, config):
                if "vpc-endpoint-id" in filters and endpoint.id not in filters["vpc-endpoint-id"]:
                    continue
                found.append(connection(config, endpoint))
        return ActionResult({"VpcEndpointConnections": found})

    def decide(state: str) -> Any:
        def handler(self: EC2Response) -> ActionResult:
            config = self.ec2_backend.configurations.get(self._get_param("ServiceId"))
            wanted = set(self._get_param("VpcEndpointIds", []))
            failed = []
            endpoints = {e.id: e for e in _endpoints_of(self.ec2_backend, config)} if config else {}
            for endpoint_id in wanted:
                if endpoint_id in endpoints:
                    endpoints[endpoint_id].state = state
                else:
                    failed.append({"ResourceId": endpoint_id, "Error": {"Code": "InvalidVpcEndpointId.NotFound", "Message": f"{endpoint_id} not found"}})
            return ActionResult({"Unsuccessful": failed})

        return handler

    EC2Response.describe_vpc_endpoint_connections = describe
    EC2Response.accept_vpc_endpoint_connections = decide("available")
    EC2Response.reject_vpc_endpoint_connections = decide("rejected")


@patch
def CreateVpcEndpointServiceConfiguration() -> None:
    """An endpoint service keeps its `SupportedIpAddressTypes` (ipv4 when none is given) and
    returns them in DescribeVpcEndpointServiceConfigurations; moto drops them.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpointServiceConfiguration.html
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ServiceConfiguration.html
    """
    from moto.ec2.responses.vpc_service_configuration import VPCEndpointServiceConfiguration as Responses

    create = Responses.create_vpc_endpoint_service_configuration

    def create_configuration(self: Any) -> Any:
        response = create(self)
        types = self._get_param("SupportedIpAddressTypes", []) or ["ipv4"]
        response.result["ServiceConfiguration"].supported_ip_address_types = types
        return response

    Responses.create_vpc_endpoint_service_configuration = create_configuration
