"""AWS Direct Connect gateways and their associations, which moto lacks."""

from __future__ import annotations

import json
import uuid

from . import patch


@patch
def CreateDirectConnectGateway() -> None:
    """CreateDirectConnectGateway, DescribeDirectConnectGateways and DeleteDirectConnectGateway.
    A gateway is global and belongs to the caller's account; it is `available` once created, and
    a gateway that still has associations cannot be deleted.
    https://docs.aws.amazon.com/directconnect/latest/APIReference/API_CreateDirectConnectGateway.html
    https://docs.aws.amazon.com/directconnect/latest/APIReference/API_DescribeDirectConnectGateways.html
    https://docs.aws.amazon.com/directconnect/latest/APIReference/API_DeleteDirectConnectGateway.html
    """
    from moto.core.exceptions import JsonRESTError
    from moto.directconnect.responses import DirectConnectResponse

    def create(self: DirectConnectResponse) -> str:
        gateway = {
            "directConnectGatewayId": str(uuid.uuid4()),
            "directConnectGatewayName": self._get_param("directConnectGatewayName"),
            "amazonSideAsn": int(self._get_param("amazonSideAsn") or 64512),
            "ownerAccount": self.current_account,
            "directConnectGatewayState": "available",
        }
        _state(self)["gateways"][gateway["directConnectGatewayId"]] = gateway
        return json.dumps({"directConnectGateway": gateway})

    def describe(self: DirectConnectResponse) -> str:
        wanted = self._get_param("directConnectGatewayId")
        gateways = _state(self)["gateways"]
        found = [gateways[wanted]] if wanted in gateways else [] if wanted else list(gateways.values())
        return json.dumps({"directConnectGateways": found})

    def delete(self: DirectConnectResponse) -> str:
        gateway_id = self._get_param("directConnectGatewayId")
        state = _state(self)
        if gateway_id not in state["gateways"]:
            raise JsonRESTError("DirectConnectClientException", f"Direct Connect Gateway {gateway_id} does not exist")
        if any(a["directConnectGatewayId"] == gateway_id for a in state["associations"].values()):
            raise JsonRESTError("DirectConnectClientException", f"Direct Connect Gateway {gateway_id} has associations")
        gateway = state["gateways"].pop(gateway_id)
        return json.dumps({"directConnectGateway": {**gateway, "directConnectGatewayState": "deleted"}})

    DirectConnectResponse.create_direct_connect_gateway = create
    DirectConnectResponse.describe_direct_connect_gateways = describe
    DirectConnectResponse.delete_direct_connect_gateway = delete


@patch
def CreateDirectConnectGatewayAssociation() -> None:
    """CreateDirectConnectGatewayAssociation, DescribeDirectConnectGatewayAssociations and
    DeleteDirectConnectGatewayAssociation for a virtual private gateway or a transit gateway of
    the caller's account, which must exist. The allowed prefixes are kept as given.
    https://docs.aws.amazon.com/directconnect/latest/APIReference/API_CreateDirectConnectGatewayAssociation.html
    https://docs.aws.amazon.com/directconnect/latest/APIReference/API_DescribeDirectConnectGatewayAssociations.html
    https://docs.aws.amazon.com/directconnect/latest/APIReference/API_DeleteDirectConnectGatewayAssociation.html
    """
    from moto.core.exceptions import JsonRESTError
    from moto.directconnect.responses import DirectConnectResponse
    from moto.ec2.models import ec2_backends

    def create(self: DirectConnectResponse) -> str:
        state = _state(self)
        gateway_id = self._get_param("directConnectGatewayId")
        target = self._get_param("gatewayId") or self._get_param("virtualGatewayId")
        if gateway_id not in state["gateways"]:
            raise JsonRESTError("DirectConnectClientException", f"Direct Connect Gateway {gateway_id} does not exist")
        ec2 = ec2_backends[self.current_account][self.region]
        if target.startswith("tgw-"):
            kind = "transitGateway"
            exists = target in ec2.transit_gateways
        else:
            kind = "virtualPrivateGateway"
            exists = target in ec2.vpn_gateways
        if not exists:
            raise JsonRESTError("DirectConnectClientException", f"Gateway {target} does not exist")
        prefixes = self._get_param("addAllowedPrefixesToDirectConnectGateway") or []
        association = {
            "directConnectGatewayId": gateway_id,
            "directConnectGatewayOwnerAccount": self.current_account,
            "associationState": "associated",
            "associationId": str(uuid.uuid4()),
            "associatedGateway": {"id": target, "type": kind, "ownerAccount": self.current_account, "region": self.region},
            "allowedPrefixesToDirectConnectGateway": [{"cidr": p["cidr"]} for p in prefixes],
        }
        if kind == "virtualPrivateGateway":
            association.update({"virtualGatewayId": target, "virtualGatewayRegion": self.region, "virtualGatewayOwnerAccount": self.current_account})
        state["associations"][association["associationId"]] = association
        return json.dumps({"directConnectGatewayAssociation": association})

    def describe(self: DirectConnectResponse) -> str:
        found = list(_state(self)["associations"].values())
        for param, pick in (
            ("associationId", lambda a: a["associationId"]),
            ("directConnectGatewayId", lambda a: a["directConnectGatewayId"]),
            ("associatedGatewayId", lambda a: a["associatedGateway"]["id"]),
            ("virtualGatewayId", lambda a: a["associatedGateway"]["id"]),
        ):
            value = self._get_param(param)
            if value:
                found = [a for a in found if pick(a) == value]
        return json.dumps({"directConnectGatewayAssociations": found})

    def delete(self: DirectConnectResponse) -> str:
        state = _state(self)
        association_id = self._get_param("associationId")
        if not association_id:
            gateway_id = self._get_param("directConnectGatewayId")
            target = self._get_param("virtualGatewayId")
            association_id = next(
                (k for k, a in state["associations"].items() if a["directConnectGatewayId"] == gateway_id and a["associatedGateway"]["id"] == target),
                None,
            )
        if association_id not in state["associations"]:
            raise JsonRESTError("DirectConnectClientException", f"Association {association_id} does not exist")
        association = state["associations"].pop(association_id)
        return json.dumps({"directConnectGatewayAssociation": {**association, "associationState": "disassociated"}})

    DirectConnectResponse.create_direct_connect_gateway_association = create
    DirectConnectResponse.describe_direct_connect_gateway_associations = describe
    DirectConnectResponse.delete_direct_connect_gateway_association = delete


def _state(response: object) -> dict:
    """Gateways and associations of the caller's account (Direct Connect gateways are global)."""
    backend = response.directconnect_backend  # type: ignore[attr-defined]
    from moto.directconnect.models import directconnect_backends

    home = directconnect_backends[backend.account_id]["us-east-1"]
    if not hasattr(home, "dx_gateway_state"):
        home.dx_gateway_state = {"gateways": {}, "associations": {}}
    return home.dx_gateway_state
