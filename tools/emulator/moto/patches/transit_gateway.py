"""Transit gateways shared with other accounts through AWS RAM."""

from __future__ import annotations

from typing import Any

from . import patch


def _shared_owner(backend: Any, transit_gateway_id: str) -> Any | None:
    """The ec2 backend of the account that owns the gateway and shares it with `backend`'s
    account through an active RAM resource share, in the same Region; None otherwise."""
    from moto.ec2.models import ec2_backends
    from moto.ram.models import ram_backends

    for account in list(ec2_backends.keys()):
        if account == backend.account_id:
            continue
        owner = ec2_backends[account][backend.region_name]
        gateway = dict.get(owner.transit_gateways, transit_gateway_id)
        if gateway is None:
            continue
        arn = f"arn:aws:ec2:{backend.region_name}:{account}:transit-gateway/{transit_gateway_id}"
        shares = ram_backends[account][backend.region_name].resource_shares
        if any(s.status == "ACTIVE" and arn in s.resource_arns and backend.account_id in s.principals for s in shares):
            return owner
    return None


@patch
def CreateTransitGatewayVpcAttachment() -> None:
    """An account can attach its VPC to a transit gateway that another account shares with it
    through AWS RAM, and route to that gateway. The attachment waits in `pendingAcceptance`
    (unless the gateway accepts shared attachments automatically) and is seen by both accounts;
    its `TransitGatewayOwnerId` is the gateway's owner. DescribeTransitGateways answers the
    consumer for a shared gateway it names. moto looks gateways up only in the caller's own
    account.
    https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-share.html
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeTransitGateways.html
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTransitGatewayVpcAttachment.html
    """
    from moto.ec2.models.transit_gateway import TransitGatewayBackend
    from moto.ec2.models.transit_gateway_attachments import (
        TransitGatewayAttachment,
        TransitGatewayAttachmentBackend,
        TransitGatewayVpcAttachment,
    )

    init, create = TransitGatewayBackend.__init__, TransitGatewayAttachmentBackend.create_transit_gateway_vpc_attachment
    describe = TransitGatewayBackend.describe_transit_gateways

    def describe_transit_gateways(self: Any, filters: Any, transit_gateway_ids: list[str] | None) -> list[Any]:
        found = describe(self, filters, transit_gateway_ids)
        known = {g.id for g in found}
        for gateway_id in transit_gateway_ids or []:
            shared = self.transit_gateways.get(gateway_id) if gateway_id not in known else None
            if shared is not None:
                found.append(shared)
        return found

    class SharedGateways(dict):
        """The account's own gateways, and on lookup by ID those shared with it."""

        backend: Any = None

        def get(self, key: Any, default: Any = None) -> Any:
            if dict.__contains__(self, key):
                return dict.__getitem__(self, key)
            owner = _shared_owner(self.backend, key) if self.backend is not None else None
            return owner.transit_gateways[key] if owner is not None else default

    def new_init(self: Any) -> None:
        init(self)
        shared = SharedGateways(self.transit_gateways)
        shared.backend = self
        self.transit_gateways = shared

    def create_attachment(self: Any, transit_gateway_id: str, vpc_id: str, subnet_ids: list[str], tags: Any = None, options: Any = None) -> Any:
        if dict.__contains__(self.transit_gateways, transit_gateway_id):
            return create(self, transit_gateway_id, vpc_id, subnet_ids, tags, options)
        owner = _shared_owner(self, transit_gateway_id)
        if owner is None:
            return create(self, transit_gateway_id, vpc_id, subnet_ids, tags, options)
        gateway = owner.transit_gateways[transit_gateway_id]
        attachment = TransitGatewayVpcAttachment(self, transit_gateway=gateway, tags=tags, vpc_id=vpc_id, subnet_ids=subnet_ids, options=options)
        attachment.gateway_owner_id = owner.account_id
        automatic = gateway.options.get("AutoAcceptSharedAttachments") == "enable"
        attachment.state = "available" if automatic else "pendingAcceptance"
        self.transit_gateway_attachments[attachment.id] = attachment
        owner.transit_gateway_attachments[attachment.id] = attachment
        if automatic:
            owner.set_route_table_association(attachment.id, attachment.transit_gateway_route_table.id)
        return attachment

    TransitGatewayBackend.__init__ = new_init
    TransitGatewayBackend.describe_transit_gateways = describe_transit_gateways
    TransitGatewayAttachmentBackend.create_transit_gateway_vpc_attachment = create_attachment
    TransitGatewayAttachment.transit_gateway_owner_id = property(
        lambda self: getattr(self, "gateway_owner_id", None) or self.resource_owner_id
    )


@patch
def AcceptTransitGatewayVpcAttachment() -> None:
    """The gateway's owner accepts a VPC attachment that another account requested; it becomes
    `available` for both and is associated with the gateway's default route table. Only an
    attachment waiting in `pendingAcceptance` can be accepted. moto lacks the API.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AcceptTransitGatewayVpcAttachment.html
    """
    from moto.core.responses import ActionResult
    from moto.ec2.exceptions import EC2ClientError
    from moto.ec2.responses import EC2Response

    def accept(self: EC2Response) -> ActionResult:
        attachment_id = self._get_param("TransitGatewayAttachmentId")
        attachment = self.ec2_backend.transit_gateway_attachments.get(attachment_id)
        if attachment is None:
            raise EC2ClientError("InvalidTransitGatewayAttachmentID.NotFound", f"Transit Gateway Attachment {attachment_id} not found")
        if attachment.state != "pendingAcceptance":
            raise EC2ClientError("IncorrectState", f"tgw-attachment {attachment_id} is in invalid state {attachment.state}")
        attachment.state = "available"
        self.ec2_backend.set_route_table_association(attachment.id, attachment.transit_gateway_route_table.id)
        return ActionResult({"TransitGatewayVpcAttachment": attachment})

    EC2Response.accept_transit_gateway_vpc_attachment = accept


@patch
def DeleteTransitGatewayVpcAttachment() -> None:
    """A deleted VPC attachment stays visible for a while in state `deleted` (the provider waits
    for that state), and an attachment is created with the tags given for resource type
    `transit-gateway-attachment`. moto forgets a deleted attachment at once and takes the tags of
    another resource type.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteTransitGatewayVpcAttachment.html
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTransitGatewayVpcAttachment.html
    """
    from moto.ec2.models.transit_gateway_attachments import TransitGatewayAttachmentBackend
    from moto.ec2.responses.transit_gateway_attachments import TransitGatewayAttachment

    delete = TransitGatewayAttachmentBackend.delete_transit_gateway_vpc_attachment
    create = TransitGatewayAttachment.create_transit_gateway_vpc_attachment

    def delete_attachment(self: Any, transit_gateway_attachment_id: str) -> Any:
        attachment = delete(self, transit_gateway_attachment_id)
        self.transit_gateway_attachments[attachment.id] = attachment
        return attachment

    def create_attachment(self: Any) -> Any:
        response = create(self)
        tags = self._parse_tag_specification().get("transit-gateway-attachment", {})
        response.result["TransitGatewayVpcAttachment"].add_tags(tags)
        return response

    TransitGatewayAttachmentBackend.delete_transit_gateway_vpc_attachment = delete_attachment
    TransitGatewayAttachment.create_transit_gateway_vpc_attachment = create_attachment


@patch
def CreateTransitGatewayRoute() -> None:
    """A static route to an attachment lists that attachment in `TransitGatewayAttachments` (a
    list) when searched; moto keeps it as a single object, which is answered as an empty list, so
    the route reads back as having no target.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTransitGatewayRoute.html
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayRoute.html
    """
    from moto.ec2.models.transit_gateway_route_tables import TransitGatewayRouteTableBackend

    create = TransitGatewayRouteTableBackend.create_transit_gateway_route

    def create_route(self: Any, *args: Any, **kwargs: Any) -> Any:
        route = create(self, *args, **kwargs)
        attachment = route.get("transitGatewayAttachments")
        if isinstance(attachment, dict):
            route["transitGatewayAttachments"] = [attachment]
        return route

    TransitGatewayRouteTableBackend.create_transit_gateway_route = create_route
