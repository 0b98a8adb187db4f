"""AWS Site-to-Site VPN: connection options, static routes and route propagation."""

from __future__ import annotations

import secrets
from typing import Any

from . import patch

# Tunnel defaults when a TunnelOptionsSpecification leaves a value out.
# https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html
TUNNEL_DEFAULTS: dict[str, Any] = {
    "Phase1LifetimeSeconds": 28800,
    "Phase2LifetimeSeconds": 3600,
    "RekeyMarginTimeSeconds": 540,
    "RekeyFuzzPercentage": 100,
    "ReplayWindowSize": 1024,
    "DpdTimeoutSeconds": 30,
    "DpdTimeoutAction": "clear",
    "StartupAction": "add",
    "EnableTunnelLifecycleControl": False,
    "Phase1EncryptionAlgorithms": ["AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16"],
    "Phase2EncryptionAlgorithms": ["AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16"],
    "Phase1IntegrityAlgorithms": ["SHA1", "SHA2-256", "SHA2-384", "SHA2-512"],
    "Phase2IntegrityAlgorithms": ["SHA1", "SHA2-256", "SHA2-384", "SHA2-512"],
    "Phase1DHGroupNumbers": [2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
    "Phase2DHGroupNumbers": [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
    "IkeVersions": ["ikev1", "ikev2"],
}


# What AWS shows in place of a pre-shared key kept in Secrets Manager: the key itself is only in
# the secret named by `PreSharedKeyArn`.
# https://docs.aws.amazon.com/vpn/latest/s2svpn/enhanced-security.html
REDACTED = "REDACTED"

# TunnelOptionsSpecification (request) names that differ from TunnelOption (response) names.
REQUEST_NAMES = {"DpdTimeoutSeconds": "DPDTimeoutSeconds", "DpdTimeoutAction": "DPDTimeoutAction", "IkeVersions": "IKEVersions"}


def _values(given: Any) -> list[Any]:
    return [v["Value"] if isinstance(v, dict) else v for v in given or []]


def _tunnel(index: int, given: dict[str, Any], key: str | None) -> dict[str, Any]:
    tunnel: dict[str, Any] = {
        "OutsideIpAddress": f"52.2.144.{13 + index}",
        "TunnelInsideCidr": given.get("TunnelInsideCidr") or f"169.254.{44 + index}.40/30",
    }
    for name, default in TUNNEL_DEFAULTS.items():
        value = given.get(REQUEST_NAMES.get(name, name))
        if isinstance(default, list):
            tunnel[name] = [{"Value": v} for v in (_values(value) or default)]
        else:
            tunnel[name] = default if value is None else type(default)(value) if not isinstance(default, bool) else str(value).lower() == "true"
    logs = (given.get("LogOptions") or {}).get("CloudWatchLogOptions") or {}
    tunnel["LogOptions"] = {
        "CloudWatchLogOptions": {
            "LogEnabled": str(logs.get("LogEnabled", False)).lower() == "true",
            **({"LogGroupArn": logs["LogGroupArn"]} if logs.get("LogGroupArn") else {}),
            "LogOutputFormat": logs.get("LogOutputFormat", "json"),
        }
    }
    tunnel["PreSharedKey"] = given.get("PreSharedKey") or key if key else REDACTED
    return tunnel


@patch
def CreateVpnConnection() -> None:
    """A VPN connection keeps its `Options` (static routes only, and per tunnel the inside CIDR,
    IKE versions, phase 1 and 2 algorithms and DH groups, DPD, logging), with AWS defaults for
    what is left out, and two distinct tunnels. With `PreSharedKeyStorage` SecretsManager the keys
    are kept in a Secrets Manager secret whose ARN is returned as `PreSharedKeyArn`, and the tunnel
    options and the customer gateway configuration show REDACTED in their place. moto drops the options
    and describes the same tunnel twice.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpnConnection.html
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnConnectionOptions.html
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TunnelOption.html
    """
    from moto.ec2.models.vpn_connections import VPNConnection
    from moto.ec2.responses.vpn_connections import VPNConnections
    from moto.secretsmanager.models import secretsmanager_backends

    create, delete, config = (
        VPNConnections.create_vpn_connection,
        VPNConnections.delete_vpn_connection,
        VPNConnection.customer_gateway_configuration.fget,
    )

    def create_vpn_connection(self: VPNConnections) -> Any:
        response = create(self)
        connection = response.result["VpnConnection"]
        options = self._get_param("Options") or {}
        keys = [secrets.token_urlsafe(24).replace("-", "A").replace("_", "B")[:32] for _ in range(2)]
        connection.tunnel_keys = keys if self._get_param("PreSharedKeyStorage") != "SecretsManager" else None
        in_secret = self._get_param("PreSharedKeyStorage") == "SecretsManager"
        given = (options.get("TunnelOptions") or []) + [{}, {}]
        connection.options = {
            "EnableAcceleration": False,
            "StaticRoutesOnly": str(options.get("StaticRoutesOnly", False)).lower() == "true",
            "LocalIpv4NetworkCidr": options.get("LocalIpv4NetworkCidr", "0.0.0.0/0"),
            "RemoteIpv4NetworkCidr": options.get("RemoteIpv4NetworkCidr", "0.0.0.0/0"),
            "OutsideIpAddressType": options.get("OutsideIpAddressType", "PublicIpv4"),
            "TunnelInsideIpVersion": options.get("TunnelInsideIpVersion", "ipv4"),
            "TunnelOptions": [_tunnel(i, given[i], None if in_secret else keys[i]) for i in range(2)],
        }
        connection.routes = []
        connection.category = "VPN"
        if in_secret:
            backend = secretsmanager_backends[self.current_account][self.region]
            secret = backend.create_secret(
                name=f"vpn-psk-{connection.id}", secret_string="\n".join(keys), secret_binary=None,
                description=f"Pre-shared keys of {connection.id}", tags=[], kms_key_id=None, client_request_token=None,
                replica_regions=[], force_overwrite=False,
            )
            connection.pre_shared_key_arn = __import__("json").loads(secret)["ARN"]
        return response

    def delete_vpn_connection(self: VPNConnections) -> Any:
        connection = self.ec2_backend.vpn_connections.get(self._get_param("VpnConnectionId"))
        arn = getattr(connection, "pre_shared_key_arn", None)
        if arn:
            backend = secretsmanager_backends[self.current_account][self.region]
            backend.delete_secret(secret_id=arn, recovery_window_in_days=None, force_delete_without_recovery=True)
        return delete(self)

    def customer_gateway_configuration(self: VPNConnection) -> str:
        text = config(self)
        first = text.find("<ipsec_tunnel>")
        second = text.find("<ipsec_tunnel>", first + 1)
        keys = getattr(self, "tunnel_keys", None)
        head, one, two = text[:first], text[first:second], text[second:]
        sample = "<pre_shared_key>Iw2IAN9XUsQeYUrkMGP3kP59ugFDkfHg</pre_shared_key>"
        one = one.replace(sample, f"<pre_shared_key>{keys[0] if keys else REDACTED}</pre_shared_key>")
        two = two.replace(sample, f"<pre_shared_key>{keys[1] if keys else REDACTED}</pre_shared_key>")
        two = two.replace("52.2.144.13", "52.2.144.14").replace("169.254.44.4", "169.254.45.4")
        return head + one + two

    VPNConnections.create_vpn_connection = create_vpn_connection
    VPNConnections.delete_vpn_connection = delete_vpn_connection
    VPNConnection.customer_gateway_configuration = property(customer_gateway_configuration)


@patch
def CreateVpnConnectionRoute() -> None:
    """CreateVpnConnectionRoute and DeleteVpnConnectionRoute: a static route of a VPN connection
    is listed in its `Routes` (source Static, state available) until deleted; moto lacks both.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpnConnectionRoute.html
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteVpnConnectionRoute.html
    DescribeVpnConnections filters by `route.destination-cidr-block` and `vpn-connection-id`:
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpnConnections.html
    """
    from moto.core.responses import EmptyResult
    from moto.ec2.exceptions import InvalidVpnConnectionIdError
    from moto.ec2.models.vpn_connections import VPNConnection
    from moto.ec2.responses import EC2Response

    filter_value = VPNConnection.get_filter_value

    def get_filter_value(self: VPNConnection, name: str, method_name: str | None = None) -> Any:
        if name == "route.destination-cidr-block":
            return [r["DestinationCidrBlock"] for r in getattr(self, "routes", None) or []]
        if name == "vpn-connection-id":
            return self.id
        return filter_value(self, name, method_name)

    VPNConnection.get_filter_value = get_filter_value

    def connection(self: EC2Response) -> Any:
        found = self.ec2_backend.vpn_connections.get(self._get_param("VpnConnectionId"))
        if found is None or found.state == "deleted":
            raise InvalidVpnConnectionIdError(self._get_param("VpnConnectionId"))
        if getattr(found, "routes", None) is None:
            found.routes = []
        return found

    def create(self: EC2Response) -> EmptyResult:
        vpn, cidr = connection(self), self._get_param("DestinationCidrBlock")
        vpn.routes = [r for r in vpn.routes if r["DestinationCidrBlock"] != cidr]
        vpn.routes.append({"DestinationCidrBlock": cidr, "Source": "Static", "State": "available"})
        return EmptyResult()

    def delete(self: EC2Response) -> EmptyResult:
        vpn, cidr = connection(self), self._get_param("DestinationCidrBlock")
        vpn.routes = [r for r in vpn.routes if r["DestinationCidrBlock"] != cidr]
        return EmptyResult()

    EC2Response.create_vpn_connection_route = create
    EC2Response.delete_vpn_connection_route = delete


@patch
def EnableVgwRoutePropagation() -> None:
    """EnableVgwRoutePropagation and DisableVgwRoutePropagation: the route table lists the virtual
    private gateway in `PropagatingVgws`; moto lacks both. Both the gateway and the table must exist.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EnableVgwRoutePropagation.html
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DisableVgwRoutePropagation.html
    """
    from moto.core.responses import EmptyResult
    from moto.ec2.responses import EC2Response

    def tables(self: EC2Response) -> tuple[Any, str]:
        gateway = self.ec2_backend.get_vpn_gateway(self._get_param("GatewayId")).id
        table = self.ec2_backend.get_route_table(self._get_param("RouteTableId"))
        if getattr(table, "propagating_vgws", None) is None:
            table.propagating_vgws = []
        return table, gateway

    def enable(self: EC2Response) -> EmptyResult:
        table, gateway = tables(self)
        if gateway not in [g["GatewayId"] for g in table.propagating_vgws]:
            table.propagating_vgws.append({"GatewayId": gateway})
        return EmptyResult()

    def disable(self: EC2Response) -> EmptyResult:
        table, gateway = tables(self)
        table.propagating_vgws = [g for g in table.propagating_vgws if g["GatewayId"] != gateway]
        return EmptyResult()

    EC2Response.enable_vgw_route_propagation = enable
    EC2Response.disable_vgw_route_propagation = disable
