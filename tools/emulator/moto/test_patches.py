"""boto3 tests of the emulator patches: each calls the AWS API a patch completes and checks the
answer against the AWS API reference cited in the patch. Run: python3 -m unittest test_patches
"""

from __future__ import annotations

import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")

import boto3  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402
from moto import mock_aws  # noqa: E402

from patches import apply  # noqa: E402

apply()


def network(ec2):
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
    group = ec2.create_security_group(VpcId=vpc, GroupName="g", Description="g")["GroupId"]
    return vpc, subnet, group


def launch(ec2, subnet, group):
    template = ec2.create_launch_template(
        LaunchTemplateName="tpl",
        LaunchTemplateData={"InstanceType": "t3.micro", "ImageId": "ami-12c6146b"},
        TagSpecifications=[{"ResourceType": "launch-template", "Tags": [{"Key": "App", "Value": "x"}]}],
    )["LaunchTemplate"]["LaunchTemplateId"]
    instance = ec2.run_instances(
        MinCount=1, MaxCount=1, LaunchTemplate={"LaunchTemplateId": template, "Version": "$Latest"},
        NetworkInterfaces=[{"DeviceIndex": 0, "AssociatePublicIpAddress": False, "SubnetId": subnet, "Groups": [group]}],
    )["Instances"][0]["InstanceId"]
    return template, instance


@mock_aws
class Ec2(unittest.TestCase):
    def setUp(self):
        self.ec2 = boto3.client("ec2")
        self.vpc, self.subnet, self.group = network(self.ec2)

    def test_DescribeVpcPeeringConnections_shows_each_regions_own_tags(self):
        west = boto3.client("ec2", region_name="us-west-2")
        peer_vpc = west.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
        pcx = self.ec2.create_vpc_peering_connection(VpcId=self.vpc, PeerVpcId=peer_vpc, PeerRegion="us-west-2")["VpcPeeringConnection"]["VpcPeeringConnectionId"]
        self.ec2.create_tags(Resources=[pcx], Tags=[{"Key": "Side", "Value": "requester"}])
        west.accept_vpc_peering_connection(VpcPeeringConnectionId=pcx)
        west.create_tags(Resources=[pcx], Tags=[{"Key": "Side", "Value": "accepter"}])
        seen = lambda client: client.describe_vpc_peering_connections(VpcPeeringConnectionIds=[pcx])["VpcPeeringConnections"][0]["Tags"]
        self.assertEqual(seen(self.ec2), [{"Key": "Side", "Value": "requester"}])
        self.assertEqual(seen(west), [{"Key": "Side", "Value": "accepter"}])

    def test_DescribeInstances_has_no_association_without_public_ip(self):
        _, instance = launch(self.ec2, self.subnet, self.group)
        found = self.ec2.describe_instances(InstanceIds=[instance])["Reservations"][0]["Instances"][0]
        self.assertNotIn("Association", found["NetworkInterfaces"][0])

    def test_RunInstances_takes_the_primary_interface_groups_and_deletes_it_on_termination(self):
        _, instance = launch(self.ec2, self.subnet, self.group)
        found = self.ec2.describe_instances(InstanceIds=[instance])["Reservations"][0]["Instances"][0]
        self.assertEqual([g["GroupId"] for g in found["SecurityGroups"]], [self.group])
        self.assertTrue(found["NetworkInterfaces"][0]["Attachment"]["DeleteOnTermination"])
        self.ec2.terminate_instances(InstanceIds=[instance])
        self.assertEqual(self.ec2.describe_network_interfaces(Filters=[{"Name": "subnet-id", "Values": [self.subnet]}])["NetworkInterfaces"], [])

    def test_CreateLaunchTemplate_keeps_template_tags_out_of_the_data(self):
        template, _ = launch(self.ec2, self.subnet, self.group)
        data = self.ec2.describe_launch_template_versions(LaunchTemplateId=template)["LaunchTemplateVersions"][0]["LaunchTemplateData"]
        self.assertNotIn("TagSpecifications", data)
        self.assertNotIn("UserData", data)
        tags = self.ec2.describe_launch_templates(LaunchTemplateIds=[template])["LaunchTemplates"][0]["Tags"]
        self.assertEqual(tags, [{"Key": "App", "Value": "x"}])

    def test_DescribeInstanceAttribute_has_no_user_data_value_when_none_was_given(self):
        # The provider sends an empty UserData when the configuration has none.
        instance = self.ec2.run_instances(MinCount=1, MaxCount=1, ImageId="ami-12c6146b", SubnetId=self.subnet, UserData="")["Instances"][0]["InstanceId"]
        self.assertEqual(self.ec2.describe_instance_attribute(InstanceId=instance, Attribute="userData")["UserData"], {})

    def test_DescribeSecurityGroupRules_returns_the_description_of_a_group_reference(self):
        other = self.ec2.create_security_group(VpcId=self.vpc, GroupName="o", Description="o")["GroupId"]
        self.ec2.authorize_security_group_ingress(
            GroupId=self.group,
            IpPermissions=[{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "UserIdGroupPairs": [{"GroupId": other, "Description": "from o"}]}],
        )
        prefix_list = self.ec2.create_managed_prefix_list(PrefixListName="p", MaxEntries=1, AddressFamily="IPv4")["PrefixList"]["PrefixListId"]
        self.ec2.authorize_security_group_egress(
            GroupId=self.group,
            IpPermissions=[{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "PrefixListIds": [{"PrefixListId": prefix_list, "Description": "to p"}]}],
        )
        rules = self.ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [self.group]}])["SecurityGroupRules"]
        self.assertEqual([r.get("Description") for r in rules if not r["IsEgress"]], ["from o"])
        self.assertEqual([r.get("Description") for r in rules if r.get("PrefixListId")], ["to p"])


@mock_aws
class ContainerServices(unittest.TestCase):
    def test_CreateService_keeps_grace_period_and_rebalancing(self):
        ecs = boto3.client("ecs")
        ecs.create_cluster(clusterName="c")
        ecs.register_task_definition(family="t", containerDefinitions=[{"name": "app", "image": "nginx", "memory": 128}])
        ecs.create_service(cluster="c", serviceName="s", taskDefinition="t", desiredCount=1, healthCheckGracePeriodSeconds=60)
        service = ecs.describe_services(cluster="c", services=["s"])["services"][0]
        self.assertEqual(service["healthCheckGracePeriodSeconds"], 60)
        self.assertEqual(service["availabilityZoneRebalancing"], "ENABLED")
        ecs.update_service(cluster="c", service="s", availabilityZoneRebalancing="DISABLED")
        self.assertEqual(ecs.describe_services(cluster="c", services=["s"])["services"][0]["availabilityZoneRebalancing"], "DISABLED")

    def test_SetSecurityGroups_keeps_private_link_enforcement(self):
        ec2, elb = boto3.client("ec2"), boto3.client("elbv2")
        _, subnet, group = network(ec2)
        arn = elb.create_load_balancer(Name="n", Type="network", Scheme="internal", Subnets=[subnet], SecurityGroups=[group])["LoadBalancers"][0]["LoadBalancerArn"]
        self.assertEqual(elb.describe_load_balancers(LoadBalancerArns=[arn])["LoadBalancers"][0]["EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic"], "on")
        answer = elb.set_security_groups(LoadBalancerArn=arn, SecurityGroups=[group], EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic="off")
        self.assertEqual(answer["EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic"], "off")
        self.assertEqual(elb.describe_load_balancers(LoadBalancerArns=[arn])["LoadBalancers"][0]["EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic"], "off")


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
        self.assertNotIn("PreSharedKey", one)
        self.assertNotIn("pre_shared_key", found["CustomerGatewayConfiguration"])
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
class CloudMap(unittest.TestCase):
    def namespace(self):
        vpc, _, _ = network(boto3.client("ec2"))
        sd = boto3.client("servicediscovery")
        sd.create_private_dns_namespace(Name="svc.internal", Vpc=vpc)
        return sd, sd.list_namespaces()["Namespaces"][0]["Id"]

    def test_CreateService_returns_the_custom_health_check_with_threshold_one(self):
        sd, namespace = self.namespace()
        service = sd.create_service(
            Name="app", NamespaceId=namespace, HealthCheckCustomConfig={},
            DnsConfig={"RoutingPolicy": "MULTIVALUE", "DnsRecords": [{"Type": "SRV", "TTL": 10}]},
        )["Service"]
        self.assertEqual(sd.get_service(Id=service["Id"])["Service"]["HealthCheckCustomConfig"], {"FailureThreshold": 1})

    def test_DeleteNamespace_deletes_its_hosted_zone(self):
        sd, namespace = self.namespace()
        self.assertEqual(len(boto3.client("route53").list_hosted_zones()["HostedZones"]), 1)
        sd.delete_namespace(Id=namespace)
        self.assertEqual(boto3.client("route53").list_hosted_zones()["HostedZones"], [])

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

    def test_ListResourceSharePermissions_lists_the_default_permission_of_shared_types(self):
        ram, tgw, share = self.share_with_tgw()
        self.assertEqual(ram.list_resource_share_permissions(resourceShareArn=share)["permissions"], [])
        ram.associate_resource_share(resourceShareArn=share, resourceArns=[tgw])
        permissions = ram.list_resource_share_permissions(resourceShareArn=share)["permissions"]
        self.assertEqual([p["arn"] for p in permissions], ["arn:aws:ram::aws:permission/AWSRAMDefaultPermissionTransitGateway"])


class SharedTransitGateway(unittest.TestCase):
    """Two accounts in one moto: account A owns the gateway and shares it with account B."""

    def clients(self, account, *services):
        sts = boto3.client("sts")
        creds = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/r", RoleSessionName="test")["Credentials"]
        keys = {"aws_access_key_id": creds["AccessKeyId"], "aws_secret_access_key": creds["SecretAccessKey"], "aws_session_token": creds["SessionToken"]}
        return tuple(boto3.client(service, **keys) for service in services or ("ec2", "ram"))

    @mock_aws
    def test_CreateTransitGatewayVpcAttachment_attaches_to_a_gateway_shared_through_ram(self):
        (ec2_a, ram_a), (ec2_b, _) = self.clients("111111111111"), self.clients("222222222222")
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
        (ec2_a, ram_a), (ec2_b, _) = self.clients("111111111111"), self.clients("222222222222")
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

    clients = SharedTransitGateway.clients

    def service(self, allow):
        ec2, elb = self.clients("444444444444", "ec2", "elbv2")
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
        (consumer,) = self.clients("333333333333", "ec2")
        _, closed = self.service(allow=None)
        with self.assertRaises(ClientError):
            self.endpoint(consumer, closed)
        _, open_service = self.service(allow="333333333333")
        self.assertEqual(self.endpoint(consumer, open_service)["State"], "pendingAcceptance")

    @mock_aws
    def test_AcceptVpcEndpointConnections_makes_the_endpoint_available(self):
        (consumer,) = self.clients("333333333333", "ec2")
        provider, service = self.service(allow="333333333333")
        endpoint = self.endpoint(consumer, service)["VpcEndpointId"]
        listed = provider.describe_vpc_endpoint_connections(Filters=[{"Name": "service-id", "Values": [service["ServiceId"]]}])["VpcEndpointConnections"]
        self.assertEqual([(c["VpcEndpointId"], c["VpcEndpointOwner"], c["VpcEndpointState"]) for c in listed], [(endpoint, "333333333333", "pendingAcceptance")])
        self.assertEqual(provider.accept_vpc_endpoint_connections(ServiceId=service["ServiceId"], VpcEndpointIds=[endpoint])["Unsuccessful"], [])
        self.assertEqual(consumer.describe_vpc_endpoints(VpcEndpointIds=[endpoint])["VpcEndpoints"][0]["State"], "available")
        provider.reject_vpc_endpoint_connections(ServiceId=service["ServiceId"], VpcEndpointIds=[endpoint])
        self.assertEqual(consumer.describe_vpc_endpoints(VpcEndpointIds=[endpoint])["VpcEndpoints"][0]["State"], "rejected")


@mock_aws
class Kms(unittest.TestCase):
    def test_DescribeKey_reports_the_ebs_default_key_as_aws_managed(self):
        ec2 = boto3.client("ec2")
        _, subnet, group = network(ec2)
        ec2.create_volume(AvailabilityZone="us-east-1a", Size=8, Encrypted=True)
        kms = boto3.client("kms")
        meta = kms.describe_key(KeyId="alias/aws/ebs")["KeyMetadata"]
        self.assertEqual(meta["KeyManager"], "AWS")


@mock_aws
class ApiGateway(unittest.TestCase):
    def test_GetRestApi_returns_the_policy_with_escaped_quotes(self):
        apigw = boto3.client("apigateway")
        policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"}]}
        api = apigw.create_rest_api(name="a", policy=json.dumps(policy))["id"]
        returned = apigw.get_rest_api(restApiId=api)["policy"]
        self.assertIn('\\"Version\\"', returned)
        self.assertEqual(json.loads(returned.replace('\\"', '"')), policy)

    def test_PutIntegration_keeps_the_vpc_link_connection_id(self):
        apigw = boto3.client("apigateway")
        api = apigw.create_rest_api(name="a")["id"]
        root = apigw.get_resources(restApiId=api)["items"][0]["id"]
        apigw.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="NONE")
        answer = apigw.put_integration(
            restApiId=api, resourceId=root, httpMethod="GET", type="HTTP_PROXY", integrationHttpMethod="GET",
            uri="http://nlb.example.com", connectionType="VPC_LINK", connectionId="abc123",
        )
        self.assertEqual(answer["connectionId"], "abc123")
        self.assertEqual(apigw.get_integration(restApiId=api, resourceId=root, httpMethod="GET")["connectionId"], "abc123")

    def test_UpdateAccount_clears_the_cloudwatch_role_with_an_empty_value(self):
        apigw = boto3.client("apigateway")
        apigw.update_account(patchOperations=[{"op": "replace", "path": "/cloudwatchRoleArn", "value": "arn:aws:iam::123456789012:role/r"}])
        apigw.update_account(patchOperations=[{"op": "replace", "path": "/cloudwatchRoleArn", "value": ""}])
        self.assertNotIn("cloudwatchRoleArn", apigw.get_account())


@mock_aws
class ApiGatewayDomains(unittest.TestCase):
    def test_CreateDomainName_gives_a_private_domain_its_id_arn_and_policy(self):
        apigw = boto3.client("apigateway")
        policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"}]}
        domain = apigw.create_domain_name(
            domainName="api.example.internal", certificateArn="arn:aws:acm:us-east-1:123456789012:certificate/x",
            endpointConfiguration={"types": ["PRIVATE"]}, policy=json.dumps(policy), securityPolicy="TLS_1_2",
        )
        self.assertTrue(domain["domainNameArn"].endswith(f":/domainnames/api.example.internal+{domain['domainNameId']}"))
        found = apigw.get_domain_name(domainName="api.example.internal", domainNameId=domain["domainNameId"])
        self.assertEqual(json.loads(found["policy"]), policy)
        self.assertNotIn("regionalDomainName", found)

    def test_CreateDomainNameAccessAssociation_is_listed_and_deleted(self):
        apigw = boto3.client("apigateway")
        domain = apigw.create_domain_name(domainName="api.example.internal", endpointConfiguration={"types": ["PRIVATE"]}, policy="{}")
        association = apigw.create_domain_name_access_association(
            domainNameArn=domain["domainNameArn"], accessAssociationSourceType="VPCE", accessAssociationSource="vpce-0123456789abcdef0",
            tags={"App": "x"},
        )
        self.assertEqual(apigw.get_tags(resourceArn=association["domainNameAccessAssociationArn"])["tags"], {"App": "x"})
        listed = apigw.get_domain_name_access_associations(resourceOwner="SELF")["items"]
        self.assertEqual([a["domainNameAccessAssociationArn"] for a in listed], [association["domainNameAccessAssociationArn"]])
        apigw.delete_domain_name_access_association(domainNameAccessAssociationArn=association["domainNameAccessAssociationArn"])
        self.assertEqual(apigw.get_domain_name_access_associations(resourceOwner="SELF")["items"], [])
        with self.assertRaises(ClientError):
            apigw.create_domain_name_access_association(
                domainNameArn=domain["domainNameArn"] + "x", accessAssociationSourceType="VPCE", accessAssociationSource="vpce-1",
            )


@mock_aws
class Lambda(unittest.TestCase):
    def test_GetFunctionConfiguration_returns_the_logging_config(self):
        iam = boto3.client("iam")
        role = iam.create_role(RoleName="r", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
        import io
        import zipfile

        code = io.BytesIO()
        with zipfile.ZipFile(code, "w") as z:
            z.writestr("index.js", "exports.handler = async () => 1;")
        fn = boto3.client("lambda")
        fn.create_function(
            FunctionName="f", Runtime="nodejs20.x", Role=role, Handler="index.handler", Code={"ZipFile": code.getvalue()},
            LoggingConfig={"LogFormat": "JSON", "LogGroup": "/custom/f"},
        )
        config = fn.get_function_configuration(FunctionName="f")["LoggingConfig"]
        self.assertEqual(config, {"LogFormat": "JSON", "LogGroup": "/custom/f", "ApplicationLogLevel": "INFO", "SystemLogLevel": "INFO"})
        fn.update_function_configuration(FunctionName="f", LoggingConfig={"LogFormat": "Text"})
        self.assertEqual(fn.get_function(FunctionName="f")["Configuration"]["LoggingConfig"], {"LogFormat": "Text", "LogGroup": "/aws/lambda/f"})


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
class Ecr(unittest.TestCase):
    def test_CreatePullThroughCacheRule_is_described_and_deleted(self):
        ecr = boto3.client("ecr")
        ecr.create_pull_through_cache_rule(ecrRepositoryPrefix="ecr-public", upstreamRegistryUrl="public.ecr.aws")
        rules = ecr.describe_pull_through_cache_rules(ecrRepositoryPrefixes=["ecr-public"])["pullThroughCacheRules"]
        self.assertEqual([(r["ecrRepositoryPrefix"], r["upstreamRegistryUrl"]) for r in rules], [("ecr-public", "public.ecr.aws")])
        with self.assertRaises(ClientError) as duplicate:
            ecr.create_pull_through_cache_rule(ecrRepositoryPrefix="ecr-public", upstreamRegistryUrl="public.ecr.aws")
        self.assertEqual(duplicate.exception.response["Error"]["Code"], "PullThroughCacheRuleAlreadyExistsException")
        ecr.delete_pull_through_cache_rule(ecrRepositoryPrefix="ecr-public")
        with self.assertRaises(ClientError) as gone:
            ecr.describe_pull_through_cache_rules(ecrRepositoryPrefixes=["ecr-public"])
        self.assertEqual(gone.exception.response["Error"]["Code"], "PullThroughCacheRuleNotFoundException")


class EveryPatch(unittest.TestCase):
    def test_cites_the_aws_reference_and_has_a_test_named_after_its_api(self):
        import inspect

        from patches import PATCHES

        tests = [name for _, cls in inspect.getmembers(sys.modules[__name__], inspect.isclass) for name in dir(cls) if name.startswith("test_")]
        for fn in PATCHES:
            self.assertIn("https://docs.aws.amazon.com/", fn.__doc__ or "", fn.__name__)
            self.assertTrue(any(t.startswith(f"test_{fn.__name__}_") for t in tests), f"no test_{fn.__name__}_... test")


if __name__ == "__main__":
    unittest.main()
