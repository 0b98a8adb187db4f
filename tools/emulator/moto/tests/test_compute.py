"""boto3 tests of the emulator patches for EC2, KMS, Lambda, ECS, load balancers, Cloud Map and ECR: each calls the AWS API a patch completes and
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
class Kms(unittest.TestCase):
    def test_DescribeKey_reports_the_ebs_default_key_as_aws_managed(self):
        ec2 = boto3.client("ec2")
        _, subnet, group = network(ec2)
        ec2.create_volume(AvailabilityZone="us-east-1a", Size=8, Encrypted=True)
        kms = boto3.client("kms")
        meta = kms.describe_key(KeyId="alias/aws/ebs")["KeyMetadata"]
        self.assertEqual(meta["KeyManager"], "AWS")


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
