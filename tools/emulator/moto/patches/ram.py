"""AWS Resource Access Manager."""

from __future__ import annotations

import json
import re
from typing import Any

from . import patch

# The AWS managed default permission of each shareable resource type, by the type in its ARN.
# https://docs.aws.amazon.com/ram/latest/userguide/shareable.html
DEFAULT_PERMISSIONS = {
    "transit-gateway": ("ec2:TransitGateway", "AWSRAMDefaultPermissionTransitGateway"),
    "subnet": ("ec2:Subnet", "AWSRAMDefaultPermissionSubnet"),
    "prefix-list": ("ec2:PrefixList", "AWSRAMDefaultPermissionPrefixList"),
    "resolver-rule": ("route53resolver:ResolverRule", "AWSRAMDefaultPermissionResolverRule"),
}


def _share(response: Any) -> Any:
    arn = response._get_param("resourceShareArn")
    for share in response.ram_backend.resource_shares:
        if share.arn == arn and share.status != "DELETED":
            return share
    from moto.ram.exceptions import UnknownResourceException

    raise UnknownResourceException(f"ResourceShare {arn} could not be found.")


def _associations(share: Any, principals: list[str], resources: list[str], status: str) -> list[dict[str, Any]]:
    made = [("PRINCIPAL", p) for p in principals] + [("RESOURCE", r) for r in resources]
    return [
        {"resourceShareArn": share.arn, "resourceShareName": share.name, "associatedEntity": entity,
         "associationType": kind, "status": status, "external": False}
        for kind, entity in made
    ]


@patch
def AssociateResourceShare() -> None:
    """AssociateResourceShare and DisassociateResourceShare add principals and resources to a
    resource share and take them away; moto lacks both. GetResourceShareAssociations then lists
    what is associated, and nothing once it is disassociated.
    https://docs.aws.amazon.com/ram/latest/APIReference/API_AssociateResourceShare.html
    https://docs.aws.amazon.com/ram/latest/APIReference/API_DisassociateResourceShare.html
    """
    from moto.ram import urls
    from moto.ram.responses import ResourceAccessManagerResponse as RAM

    def associate(self: RAM) -> str:
        share = _share(self)
        principals, resources = self._get_param("principals") or [], self._get_param("resourceArns") or []
        share.add_principals([p for p in principals if p not in share.principals])
        share.add_resources([r for r in resources if r not in share.resource_arns])
        return json.dumps({"resourceShareAssociations": _associations(share, principals, resources, "ASSOCIATED")})

    def disassociate(self: RAM) -> str:
        share = _share(self)
        principals, resources = self._get_param("principals") or [], self._get_param("resourceArns") or []
        share.principals = [p for p in share.principals if p not in principals]
        share.resource_arns = [r for r in share.resource_arns if r not in resources]
        return json.dumps({"resourceShareAssociations": _associations(share, principals, resources, "DISASSOCIATING")})

    RAM.associate_resource_share = associate
    RAM.disassociate_resource_share = disassociate
    urls.url_paths["{0}/associateresourceshare$"] = RAM.dispatch
    urls.url_paths["{0}/disassociateresourceshare$"] = RAM.dispatch


@patch
def ListResourceSharePermissions() -> None:
    """A resource share carries the AWS managed default permission of each resource type shared
    in it; ListResourceSharePermissions lists them. moto lacks the API.
    https://docs.aws.amazon.com/ram/latest/APIReference/API_ListResourceSharePermissions.html
    https://docs.aws.amazon.com/ram/latest/userguide/security-ram-permissions.html
    """
    from moto.ram import urls
    from moto.ram.responses import ResourceAccessManagerResponse as RAM

    def list_permissions(self: RAM) -> str:
        share = _share(self)
        found: dict[str, dict[str, Any]] = {}
        for resource in share.resource_arns:
            kind = re.search(r":[0-9]{12}:([a-z-]+)[/:]", resource)
            if kind and kind.group(1) in DEFAULT_PERMISSIONS:
                resource_type, name = DEFAULT_PERMISSIONS[kind.group(1)]
                found[name] = {
                    "arn": f"arn:{share.partition}:ram::aws:permission/{name}", "version": "1",
                    "defaultVersion": True, "name": name, "resourceType": resource_type, "status": "ATTACHED",
                    "isResourceTypeDefault": True, "permissionType": "AWS_MANAGED",
                }
        return json.dumps({"permissions": list(found.values())})

    RAM.list_resource_share_permissions = list_permissions
    urls.url_paths["{0}/listresourcesharepermissions$"] = RAM.dispatch


@patch
def CreateResourceShare() -> None:
    """A resource share keeps the `tags` it is created with and returns them in
    GetResourceShares (as key/value pairs); moto drops them.
    https://docs.aws.amazon.com/ram/latest/APIReference/API_CreateResourceShare.html
    https://docs.aws.amazon.com/ram/latest/APIReference/API_ResourceShare.html
    """
    from moto.ram.models import ResourceShare

    init, describe = ResourceShare.__init__, ResourceShare.describe

    def new_init(self: ResourceShare, account_id: str, region: str, **kwargs: Any) -> None:
        init(self, account_id, region, **kwargs)
        self.tags = list(kwargs.get("tags") or [])

    def describe_share(self: ResourceShare) -> dict[str, Any]:
        return {**describe(self), "tags": getattr(self, "tags", [])}

    ResourceShare.__init__ = new_init
    ResourceShare.describe = describe_share
