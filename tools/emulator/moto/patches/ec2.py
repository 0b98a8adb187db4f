"""Amazon EC2 and Amazon VPC."""

from __future__ import annotations

from typing import Any

from . import patch


@patch
def DescribeInstances() -> None:
    """An instance network interface carries `Association` only when it has a public IPv4 address;
    moto returns an empty one, which reads as "public IP associated".
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceNetworkInterface.html
    """
    from moto.ec2.models.elastic_network_interfaces import NetworkInterface

    original = NetworkInterface.association.fget

    def association(self: NetworkInterface) -> dict[str, Any] | None:
        return original(self) if self.public_ip else None

    NetworkInterface.association = property(association)


@patch
def RunInstances() -> None:
    """An instance launched with network interfaces takes the security groups of its primary
    interface (`NetworkInterface.N.SecurityGroupId`); moto leaves the instance's groups empty. The
    primary interface that the launch creates goes away with the instance (it cannot be detached)
    unless DeleteOnTermination is false; moto keeps it after termination.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RunInstances.html
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceNetworkInterfaceSpecification.html
    https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-eni.html
    """
    from moto.ec2.models.instances import Instance

    original = Instance.__init__

    def init(self: Instance, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        primary = self.nics.get(0)
        if not self.security_groups and primary is not None:
            self.security_groups = list(primary.group_set)
        spec = next((n for n in kwargs.get("nics", []) if int(n.get("DeviceIndex", 0)) == 0), {})
        if primary is not None and not spec.get("NetworkInterfaceId") and spec.get("DeleteOnTermination") not in (False, "false"):
            primary.delete_on_termination = True

    Instance.__init__ = init


@patch
def CreateLaunchTemplate() -> None:
    """`TagSpecifications` of CreateLaunchTemplate tag the launch template itself; they are not
    part of the template's data (DescribeLaunchTemplateVersions returns only what was given in
    `LaunchTemplateData`). moto copies them into the data, and adds an empty `UserData` to a
    template given none.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateLaunchTemplate.html
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ResponseLaunchTemplateData.html
    """
    from moto.ec2.models.launch_templates import LaunchTemplateVersion

    original = LaunchTemplateVersion.__init__

    def init(self: LaunchTemplateVersion, template: Any, number: int, data: dict, *args: Any, **kwargs: Any) -> None:
        specs = data.get("TagSpecifications")
        if specs:
            kept = [s for s in specs if s.get("ResourceType") != "launch-template"]
            data = {**data, "TagSpecifications": kept} if kept else {k: v for k, v in data.items() if k != "TagSpecifications"}
        if "UserData" in data and not str(data["UserData"] or ""):
            data = {k: v for k, v in data.items() if k != "UserData"}
        original(self, template, number, data, *args, **kwargs)

    LaunchTemplateVersion.__init__ = init


@patch
def DescribeSecurityGroupRules() -> None:
    """A rule's `Description` is returned whatever its source: a CIDR, a prefix list or a
    referenced security group. moto drops it for referenced groups and prefix lists.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SecurityGroupRule.html
    """
    from moto.ec2.models.security_groups import SecurityGroupRule

    original = SecurityGroupRule.__init__

    def init(self: SecurityGroupRule, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        prefix_list = kwargs.get("prefix_list_id") or (args[7] if len(args) > 7 else None)
        self.prefix_list_description = prefix_list.get("Description") if isinstance(prefix_list, dict) else None

    def description(self: SecurityGroupRule) -> str | None:
        for source in (self.ip_range, self.source_group, {"Description": getattr(self, "prefix_list_description", None)}):
            if isinstance(source, dict) and source.get("Description") is not None:
                return source["Description"]
        return None

    SecurityGroupRule.__init__ = init
    SecurityGroupRule.description = property(description)


@patch
def DescribeInstanceAttribute() -> None:
    """For an instance launched without user data, `userData` comes back as an empty structure
    with no `value`; moto returns an empty value, which the provider reads as user data "".
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceAttribute.html
    """
    from moto.core.responses import ActionResult
    from moto.ec2.responses.instances import InstanceResponse

    original = InstanceResponse.describe_instance_attribute

    def describe_instance_attribute(self: InstanceResponse) -> ActionResult:
        response = original(self)
        result = response.result
        user_data = result.get("UserData") if isinstance(result, dict) else None
        if user_data == "" or (isinstance(user_data, dict) and not str(user_data.get("Value") or "")):
            return ActionResult({**result, "UserData": {}})
        return response

    InstanceResponse.describe_instance_attribute = describe_instance_attribute


@patch
def DescribeVpcPeeringConnections() -> None:
    """A peering connection between two Regions is described in each Region with the tags given
    there: the accepter's tags are its own, not the requester's. moto reads the tags of the
    requester's Region in both.
    https://docs.aws.amazon.com/vpc/latest/peering/working-with-vpc-peering.html#vpc-peering-tagging
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcPeeringConnections.html
    """
    from moto.core.responses import ActionResult
    from moto.ec2.responses.vpc_peering_connections import VPCPeeringConnections

    describe = VPCPeeringConnections.describe_vpc_peering_connections

    class InRegion:
        """A peering connection seen from one Region's backend."""

        def __init__(self, pcx: Any, backend: Any) -> None:
            self._pcx, self._backend = pcx, backend

        def __getattr__(self, name: str) -> Any:
            return getattr(self._pcx, name)

        def get_tags(self) -> list[dict[str, str]]:
            return self._backend.describe_tags(filters={"resource-id": [self._pcx.id]})

        tags = property(get_tags)
        tag_set = property(get_tags)
        tag_list = property(get_tags)

    def describe_vpc_peering_connections(self: VPCPeeringConnections) -> ActionResult:
        response = describe(self)
        found = response.result["VpcPeeringConnections"]
        return ActionResult({"VpcPeeringConnections": [InRegion(p, self.ec2_backend) for p in found]})

    VPCPeeringConnections.describe_vpc_peering_connections = describe_vpc_peering_connections
