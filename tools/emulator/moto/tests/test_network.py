"""boto3 tests of the emulator patches for VPN, Route 53, Direct Connect, RAM, transit gateways and PrivateLink: each calls the AWS API a patch completes and
checks the answer against the AWS API reference the patch cites.
"""

from __future__ import annotations

import json  # noqa: F401
import unittest  # noqa: F401

import boto3
from botocore.exceptions import ClientError  # noqa: F401
from moto import mock_aws  # noqa: F401
from support import clients, launch, network  # noqa: F401


@mock_aws
class Vpn(unittest.TestCase):
    def setUp(self):
        self.ec2 = boto3.client("ec2")
        self.vpc, self.subnet, _ = network(self.ec2)
        self.cgw = self.ec2.create_customer_gateway(Type="ipsec.1", PublicIp="203.0.113.10", BgpAsn=65000)["CustomerGateway"]["CustomerGatewayId"]
        self.vgw = self.ec2.create_vpn_gateway(Type="ipsec.1")["VpnGateway"]["VpnGatewayId"]

    def connection(self, **kwargs):
        return self.ec2.create_vpn_connection(Type="ipsec.1", CustomerGatewayId=self.cgw, VpnGatewayId=self.vgw, **kwargs)["VpnConnection"]["VpnConnectionId"]

    def test_CreateVpnConnection_keeps_options_with_two_distinct_tunnels(self):
        vpn = self.connection(
            Options={"StaticRoutesOnly": True, "TunnelOptions": [{"IKEVersions": [{"Value": "ikev2"}], "DPDTimeoutAction": "restart"}, {}]},
            PreSharedKeyStorage="SecretsManager",
        )
        found = self.ec2.describe_vpn_connections(VpnConnectionIds=[vpn])["VpnConnections"][0]
        options = found["Options"]
        self.assertTrue(options["StaticRoutesOnly"])
        one, two = options["TunnelOptions"]
        self.assertEqual([v["Value"] for v in one["IkeVersions"]], ["ikev2"])
        self.assertEqual(one["DpdTimeoutAction"], "restart")
        self.assertEqual([v["Value"] for v in two["IkeVersions"]], ["ikev1", "ikev2"])
        self.assertNotEqual(one["OutsideIpAddress"], two["OutsideIpAddress"])
        self.assertIn(two["OutsideIpAddress"], found["CustomerGatewayConfiguration"])
        secret = boto3.client("secretsmanager").describe_secret(SecretId=found["PreSharedKeyArn"])
        self.assertEqual(secret["ARN"], found["PreSharedKeyArn"])
        self.assertEqual([one["PreSharedKey"], two["PreSharedKey"]], ["REDACTED", "REDACTED"])
        self.assertEqual(found["CustomerGatewayConfiguration"].count("<pre_shared_key>REDACTED</pre_shared_key>"), 2)
        self.assertEqual(one["RekeyMarginTimeSeconds"], 540)

    def test_CreateVpnConnectionRoute_lists_the_static_route_until_deleted(self):
        vpn = self.connection(Options={"StaticRoutesOnly": True})
        self.ec2.create_vpn_connection_route(VpnConnectionId=vpn, DestinationCidrBlock="192.168.0.0/20")
        filters = [{"Name": "route.destination-cidr-block", "Values": ["192.168.0.0/20"]}, {"Name": "vpn-connection-id", "Values": [vpn]}]
        routes = self.ec2.describe_vpn_connections(Filters=filters)["VpnConnections"][0]["Routes"]
        self.assertEqual(routes, [{"DestinationCidrBlock": "192.168.0.0/20", "Source": "Static", "State": "available"}])
        self.ec2.delete_vpn_connection_route(VpnConnectionId=vpn, DestinationCidrBlock="192.168.0.0/20")
        self.assertEqual(self.ec2.describe_vpn_connections(VpnConnectionIds=[vpn])["VpnConnections"][0].get("Routes", []), [])

    def test_EnableVgwRoutePropagation_lists_the_gateway_on_the_route_table(self):
        table = self.ec2.create_route_table(VpcId=self.vpc)["RouteTable"]["RouteTableId"]
        self.ec2.enable_vgw_route_propagation(RouteTableId=table, GatewayId=self.vgw)
        found = self.ec2.describe_route_tables(RouteTableIds=[table])["RouteTables"][0]
        self.assertEqual(found["PropagatingVgws"], [{"GatewayId": self.vgw}])
        self.ec2.disable_vgw_route_propagation(RouteTableId=table, GatewayId=self.vgw)
        self.assertEqual(self.ec2.describe_route_tables(RouteTableIds=[table])["RouteTables"][0].get("PropagatingVgws", []), [])
        with self.assertRaises(ClientError):
            self.ec2.enable_vgw_route_propagation(RouteTableId=table, GatewayId="vgw-0123456789abcdef0")


@mock_aws
class Route53(unittest.TestCase):
    def test_CreateHostedZone_with_a_vpc_is_private_and_takes_vpcs_of_other_regions(self):
        east, west = boto3.client("ec2", region_name="us-east-1"), boto3.client("ec2", region_name="us-west-2")
        vpc_east = east.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        vpc_west = west.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
        r53 = boto3.client("route53")
        zone = r53.create_hosted_zone(Name="internal.example.com", CallerReference="1", VPC={"VPCRegion": "us-east-1", "VPCId": vpc_east})["HostedZone"]
        self.assertTrue(zone["Config"]["PrivateZone"])
        r53.associate_vpc_with_hosted_zone(HostedZoneId=zone["Id"], VPC={"VPCRegion": "us-west-2", "VPCId": vpc_west})
        vpcs = r53.get_hosted_zone(Id=zone["Id"])["VPCs"]
        self.assertEqual(sorted((v["VPCRegion"], v["VPCId"]) for v in vpcs), sorted([("us-east-1", vpc_east), ("us-west-2", vpc_west)]))

    def test_CreateHealthCheck_keeps_the_alarm_of_a_cloudwatch_metric_check(self):
        r53 = boto3.client("route53")
        check = r53.create_health_check(
            CallerReference="1",
            HealthCheckConfig={
                "Type": "CLOUDWATCH_METRIC", "InsufficientDataHealthStatus": "LastKnownStatus",
                "AlarmIdentifier": {"Region": "us-east-1", "Name": "api-health"},
            },
        )["HealthCheck"]
        config = r53.get_health_check(HealthCheckId=check["Id"])["HealthCheck"]["HealthCheckConfig"]
        self.assertEqual(config["AlarmIdentifier"], {"Region": "us-east-1", "Name": "api-health"})
        self.assertEqual(config["InsufficientDataHealthStatus"], "LastKnownStatus")
        self.assertNotIn("Port", config)

    def test_CreateResolverEndpoint_returns_protocols_and_type(self):
        ec2 = boto3.client("ec2")
        vpc, subnet, group = network(ec2)
        other = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.2.0/24", AvailabilityZone="us-east-1b")["Subnet"]["SubnetId"]
        resolver = boto3.client("route53resolver")
        endpoint = resolver.create_resolver_endpoint(
            CreatorRequestId="1", SecurityGroupIds=[group], Direction="INBOUND",
            IpAddresses=[{"SubnetId": subnet}, {"SubnetId": other}],
        )["ResolverEndpoint"]
        found = resolver.get_resolver_endpoint(ResolverEndpointId=endpoint["Id"])["ResolverEndpoint"]
        self.assertEqual((found["Protocols"], found["ResolverEndpointType"]), (["Do53"], "IPV4"))


@mock_aws
class DirectConnect(unittest.TestCase):
    def test_CreateDirectConnectGateway_is_available_and_deletable(self):
        dx = boto3.client("directconnect")
        gateway = dx.create_direct_connect_gateway(directConnectGatewayName="g", amazonSideAsn=64513)["directConnectGateway"]
        self.assertEqual(gateway["directConnectGatewayState"], "available")
        found = dx.describe_direct_connect_gateways(directConnectGatewayId=gateway["directConnectGatewayId"])["directConnectGateways"]
        self.assertEqual([g["amazonSideAsn"] for g in found], [64513])
        dx.delete_direct_connect_gateway(directConnectGatewayId=gateway["directConnectGatewayId"])
        self.assertEqual(dx.describe_direct_connect_gateways()["directConnectGateways"], [])

    def test_CreateDirectConnectGatewayAssociation_needs_an_existing_gateway(self):
        dx, ec2 = boto3.client("directconnect"), boto3.client("ec2")
        gateway = dx.create_direct_connect_gateway(directConnectGatewayName="g", amazonSideAsn=64513)["directConnectGateway"]["directConnectGatewayId"]
        vgw = ec2.create_vpn_gateway(Type="ipsec.1")["VpnGateway"]["VpnGatewayId"]
        association = dx.create_direct_connect_gateway_association(
            directConnectGatewayId=gateway, gatewayId=vgw, addAllowedPrefixesToDirectConnectGateway=[{"cidr": "10.0.0.0/16"}]
        )["directConnectGatewayAssociation"]
        self.assertEqual(association["associationState"], "associated")
        self.assertEqual(association["associatedGateway"]["type"], "virtualPrivateGateway")
        with self.assertRaises(ClientError):
            dx.delete_direct_connect_gateway(directConnectGatewayId=gateway)
        with self.assertRaises(ClientError):
            dx.create_direct_connect_gateway_association(directConnectGatewayId=gateway, gatewayId="vgw-0123456789abcdef0")
        dx.delete_direct_connect_gateway_association(associationId=association["associationId"])
        self.assertEqual(dx.describe_direct_connect_gateway_associations(directConnectGatewayId=gateway)["directConnectGatewayAssociations"], [])


@mock_aws
class ResourceAccessManager(unittest.TestCase):
    def share_with_tgw(self):
        ram, ec2 = boto3.client("ram"), boto3.client("ec2")
        tgw = ec2.create_transit_gateway()["TransitGateway"]["TransitGatewayArn"]
        share = ram.create_resource_share(name="s", allowExternalPrincipals=False)["resourceShare"]["resourceShareArn"]
        return ram, tgw, share

    def test_AssociateResourceShare_adds_and_removes_principals_and_resources(self):
        ram, tgw, share = self.share_with_tgw()
        ram.associate_resource_share(resourceShareArn=share, principals=["222222222222"], resourceArns=[tgw])
        listed = ram.get_resource_share_associations(associationType="PRINCIPAL", resourceShareArns=[share])["resourceShareAssociations"]
        self.assertEqual([a["associatedEntity"] for a in listed], ["222222222222"])
        ram.disassociate_resource_share(resourceShareArn=share, principals=["222222222222"])
        self.assertEqual(ram.get_resource_share_associations(associationType="PRINCIPAL", resourceShareArns=[share])["resourceShareAssociations"], [])

    def test_CreateResourceShare_keeps_its_tags(self):
        ram = boto3.client("ram")
        ram.create_resource_share(name="s", tags=[{"key": "Name", "value": "s"}])
        shares = ram.get_resource_shares(resourceOwner="SELF")["resourceShares"]
        self.assertEqual([s["tags"] for s in shares], [[{"key": "Name", "value": "s"}]])

    def test_ListResourceSharePermissions_lists_the_default_permission_of_shared_types(self):
        ram, tgw, share = self.share_with_tgw()
        self.assertEqual(ram.list_resource_share_permissions(resourceShareArn=share)["permissions"], [])
        ram.associate_resource_share(resourceShareArn=share, resourceArns=[tgw])
        permissions = ram.list_resource_share_permissions(resourceShareArn=share)["permissions"]
        self.assertEqual([p["arn"] for p in permissions], ["arn:aws:ram::aws:permission/AWSRAMDefaultPermissionTransitGateway"])


class SharedTransitGateway(unittest.TestCase):
    """Two accounts in one moto: account A owns the gateway and shares it with account B."""

    @mock_aws
    def test_CreateTransitGatewayVpcAttachment_attaches_to_a_gateway_shared_through_ram(self):
        (ec2_a, ram_a), (ec2_b, _) = clients("111111111111"), clients("222222222222")
        tgw = ec2_a.create_transit_gateway(Options={"AutoAcceptSharedAttachments": "disable"})["TransitGateway"]
        vpc, subnet, _ = network(ec2_b)
        with self.assertRaises(ClientError):
            ec2_b.create_transit_gateway_vpc_attachment(TransitGatewayId=tgw["TransitGatewayId"], VpcId=vpc, SubnetIds=[subnet])
        share = ram_a.create_resource_share(name="s", principals=["222222222222"], resourceArns=[tgw["TransitGatewayArn"]])["resourceShare"]
        attachment = ec2_b.create_transit_gateway_vpc_attachment(TransitGatewayId=tgw["TransitGatewayId"], VpcId=vpc, SubnetIds=[subnet])["TransitGatewayVpcAttachment"]
        self.assertEqual(attachment["State"], "pendingAcceptance")
        seen_by_owner = ec2_a.describe_transit_gateway_vpc_attachments(TransitGatewayAttachmentIds=[attachment["TransitGatewayAttachmentId"]])
        self.assertEqual(seen_by_owner["TransitGatewayVpcAttachments"][0]["VpcOwnerId"], "222222222222")
        shared = ec2_b.describe_transit_gateways(TransitGatewayIds=[tgw["TransitGatewayId"]])["TransitGateways"]
        self.assertEqual([g["OwnerId"] for g in shared], ["111111111111"])
        self.assertTrue(share["resourceShareArn"])

    @mock_aws
    def test_CreateTransitGatewayRoute_lists_the_attachment_it_routes_to(self):
        ec2 = boto3.client("ec2")
        tgw = ec2.create_transit_gateway()["TransitGateway"]
        table = tgw["Options"]["AssociationDefaultRouteTableId"]
        cgw = ec2.create_customer_gateway(Type="ipsec.1", PublicIp="203.0.113.10", BgpAsn=65000)["CustomerGateway"]["CustomerGatewayId"]
        vpn = ec2.create_vpn_connection(Type="ipsec.1", CustomerGatewayId=cgw, TransitGatewayId=tgw["TransitGatewayId"], Options={"StaticRoutesOnly": True})["VpnConnection"]["VpnConnectionId"]
        attachment = ec2.describe_transit_gateway_attachments(Filters=[{"Name": "resource-id", "Values": [vpn]}])["TransitGatewayAttachments"][0]["TransitGatewayAttachmentId"]
        ec2.create_transit_gateway_route(TransitGatewayRouteTableId=table, DestinationCidrBlock="192.168.0.0/20", TransitGatewayAttachmentId=attachment)
        routes = ec2.search_transit_gateway_routes(TransitGatewayRouteTableId=table, Filters=[{"Name": "route-search.exact-match", "Values": ["192.168.0.0/20"]}])["Routes"]
        self.assertEqual([a["TransitGatewayAttachmentId"] for a in routes[0]["TransitGatewayAttachments"]], [attachment])
        self.assertEqual(routes[0]["State"], "active")

    @mock_aws
    def test_DeleteTransitGatewayVpcAttachment_leaves_it_deleted_and_tags_are_kept(self):
        ec2 = boto3.client("ec2")
        vpc, subnet, _ = network(ec2)
        tgw = ec2.create_transit_gateway()["TransitGateway"]["TransitGatewayId"]
        spec = [{"ResourceType": "transit-gateway-attachment", "Tags": [{"Key": "Name", "Value": "a"}]}]
        attachment = ec2.create_transit_gateway_vpc_attachment(TransitGatewayId=tgw, VpcId=vpc, SubnetIds=[subnet], TagSpecifications=spec)["TransitGatewayVpcAttachment"]["TransitGatewayAttachmentId"]
        describe = lambda: ec2.describe_transit_gateway_vpc_attachments(TransitGatewayAttachmentIds=[attachment])["TransitGatewayVpcAttachments"]
        self.assertEqual(describe()[0]["Tags"], [{"Key": "Name", "Value": "a"}])
        ec2.delete_transit_gateway_vpc_attachment(TransitGatewayAttachmentId=attachment)
        self.assertEqual([a["State"] for a in describe()], ["deleted"])

    @mock_aws
    def test_AcceptTransitGatewayVpcAttachment_makes_it_available_for_both(self):
        (ec2_a, ram_a), (ec2_b, _) = clients("111111111111"), clients("222222222222")
        tgw = ec2_a.create_transit_gateway(Options={"AutoAcceptSharedAttachments": "disable"})["TransitGateway"]
        ram_a.create_resource_share(name="s", principals=["222222222222"], resourceArns=[tgw["TransitGatewayArn"]])
        vpc, subnet, _ = network(ec2_b)
        attachment = ec2_b.create_transit_gateway_vpc_attachment(TransitGatewayId=tgw["TransitGatewayId"], VpcId=vpc, SubnetIds=[subnet])["TransitGatewayVpcAttachment"]["TransitGatewayAttachmentId"]
        ec2_a.accept_transit_gateway_vpc_attachment(TransitGatewayAttachmentId=attachment)
        state = ec2_b.describe_transit_gateway_vpc_attachments(TransitGatewayAttachmentIds=[attachment])["TransitGatewayVpcAttachments"][0]["State"]
        self.assertEqual(state, "available")
        with self.assertRaises(ClientError):
            ec2_a.accept_transit_gateway_vpc_attachment(TransitGatewayAttachmentId=attachment)
        table = ec2_b.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["RouteTables"][0]["RouteTableId"]
        ec2_b.create_route(RouteTableId=table, DestinationCidrBlock="10.9.0.0/16", TransitGatewayId=tgw["TransitGatewayId"])
        routes = ec2_b.describe_route_tables(RouteTableIds=[table])["RouteTables"][0]["Routes"]
        self.assertIn(tgw["TransitGatewayId"], [r.get("TransitGatewayId") for r in routes])


class PrivateLink(unittest.TestCase):
    """The service account 444444444444 offers an endpoint service to the consumer 333333333333."""

    def service(self, allow):
        ec2, elb = clients("444444444444", "ec2", "elbv2")
        _, subnet, _ = network(ec2)
        nlb = elb.create_load_balancer(Name="n", Type="network", Scheme="internal", Subnets=[subnet])["LoadBalancers"][0]["LoadBalancerArn"]
        service = ec2.create_vpc_endpoint_service_configuration(NetworkLoadBalancerArns=[nlb], AcceptanceRequired=True)["ServiceConfiguration"]
        if allow:
            ec2.modify_vpc_endpoint_service_permissions(ServiceId=service["ServiceId"], AddAllowedPrincipals=[f"arn:aws:iam::{allow}:root"])
        return ec2, service

    def endpoint(self, ec2, service):
        vpc, subnet, _ = network(ec2)
        return ec2.create_vpc_endpoint(VpcId=vpc, ServiceName=service["ServiceName"], VpcEndpointType="Interface", SubnetIds=[subnet])["VpcEndpoint"]

    @mock_aws
    def test_CreateVpcEndpoint_to_another_accounts_service_needs_permission_and_acceptance(self):
        (consumer,) = clients("333333333333", "ec2")
        _, closed = self.service(allow=None)
        with self.assertRaises(ClientError):
            self.endpoint(consumer, closed)
        _, open_service = self.service(allow="333333333333")
        self.assertEqual(self.endpoint(consumer, open_service)["State"], "pendingAcceptance")

    @mock_aws
    def test_CreateVpcEndpointServiceConfiguration_keeps_supported_ip_address_types(self):
        provider, service = self.service(allow=None)
        found = provider.describe_vpc_endpoint_service_configurations(ServiceIds=[service["ServiceId"]])["ServiceConfigurations"][0]
        self.assertEqual(found["SupportedIpAddressTypes"], ["ipv4"])

    @mock_aws
    def test_AcceptVpcEndpointConnections_makes_the_endpoint_available(self):
        (consumer,) = clients("333333333333", "ec2")
        provider, service = self.service(allow="333333333333")
        endpoint = self.endpoint(consumer, service)["VpcEndpointId"]
        listed = provider.describe_vpc_endpoint_connections(Filters=[{"Name": "service-id", "Values": [service["ServiceId"]]}])["VpcEndpointConnections"]
        self.assertEqual([(c["VpcEndpointId"], c["VpcEndpointOwner"], c["VpcEndpointState"]) for c in listed], [(endpoint, "333333333333", "pendingAcceptance")])
        self.assertEqual(provider.accept_vpc_endpoint_connections(ServiceId=service["ServiceId"], VpcEndpointIds=[endpoint])["Unsuccessful"], [])
        self.assertEqual(consumer.describe_vpc_endpoints(VpcEndpointIds=[endpoint])["VpcEndpoints"][0]["State"], "available")
        provider.reject_vpc_endpoint_connections(ServiceId=service["ServiceId"], VpcEndpointIds=[endpoint])
        self.assertEqual(consumer.describe_vpc_endpoints(VpcEndpointIds=[endpoint])["VpcEndpoints"][0]["State"], "rejected")
