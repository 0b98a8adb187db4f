"""Lists what exists in the emulator, through the AWS APIs (boto3), for each account and Region.

    python3 inventory.py ENDPOINT ACCOUNT:REGION...

Prints JSON: {"resources": [...], "settings": [...]}, each a sorted list of
"account/region service:kind:id" strings. The harness takes one inventory before apply and one
after destroy; a resource in the second and not the first was left behind. Items in a deleted state
count as gone. Settings are what an account holds once per Region and cannot delete, only change
(tools/emulator/kept-settings.ts says which a destroy may leave changed, and why).
"""

from __future__ import annotations

import json
import sys
from typing import Callable, Iterable

import boto3

GONE = {"deleted", "deleting", "terminated", "shutting-down", "DELETED", "INACTIVE", "rejected", "failed"}


def session(endpoint: str, account: str, region: str) -> Callable[[str], object]:
    sts = boto3.client(
        "sts", endpoint_url=endpoint, region_name=region,
        aws_access_key_id="emulator-not-a-key", aws_secret_access_key="emulator-not-a-secret",
    )
    creds = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/emulator", RoleSessionName="inventory")["Credentials"]

    def client(service: str) -> object:
        return boto3.client(
            service, endpoint_url=endpoint, region_name=region,
            aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
            aws_session_token=creds["SessionToken"],
        )

    return client


def live(items: Iterable[dict], key: str, *state_keys: str) -> list[str]:
    out = []
    for item in items:
        state = None
        for sk in state_keys:
            value = item
            for part in sk.split("."):
                value = value.get(part) if isinstance(value, dict) else None
            state = state or value
        if state not in GONE:
            out.append(str(item[key]))
    return out


def customer_keys(kms: object) -> list[str]:
    """Customer managed keys not pending deletion. AWS managed keys (aws/ebs and the like) are
    created by AWS on first use and stay; they are not a stack's resources.
    https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key
    """
    out = []
    for key in kms.list_keys()["Keys"]:
        meta = kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]
        if meta.get("KeyManager") != "AWS" and meta["KeyState"] != "PendingDeletion":
            out.append(key["KeyId"])
    return out


def interfaces(ec2: object) -> list[str]:
    return [
        f"{n['NetworkInterfaceId']} ({n.get('InterfaceType', 'interface')}: {n.get('Description', '')})"
        for n in ec2.describe_network_interfaces()["NetworkInterfaces"]
    ]


def regional(c: Callable[[str], object]) -> dict[str, Callable[[], list[str]]]:
    ec2, apigw, apigw2 = c("ec2"), c("apigateway"), c("apigatewayv2")
    return {
        "ec2:vpc": lambda: live(ec2.describe_vpcs()["Vpcs"], "VpcId", "State"),
        "ec2:subnet": lambda: live(ec2.describe_subnets()["Subnets"], "SubnetId"),
        "ec2:security-group": lambda: live(ec2.describe_security_groups()["SecurityGroups"], "GroupId"),
        "ec2:route-table": lambda: live(ec2.describe_route_tables()["RouteTables"], "RouteTableId"),
        "ec2:instance": lambda: [i for r in ec2.describe_instances()["Reservations"] for i in live(r["Instances"], "InstanceId", "State.Name")],
        "ec2:network-interface": lambda: interfaces(ec2),
        "ec2:vpc-endpoint": lambda: live(ec2.describe_vpc_endpoints()["VpcEndpoints"], "VpcEndpointId", "State"),
        "ec2:vpc-endpoint-service": lambda: live(ec2.describe_vpc_endpoint_service_configurations()["ServiceConfigurations"], "ServiceId", "ServiceState"),
        "ec2:launch-template": lambda: live(ec2.describe_launch_templates()["LaunchTemplates"], "LaunchTemplateId"),
        "ec2:flow-log": lambda: live(ec2.describe_flow_logs()["FlowLogs"], "FlowLogId"),
        "ec2:transit-gateway": lambda: live(ec2.describe_transit_gateways()["TransitGateways"], "TransitGatewayId", "State"),
        "ec2:transit-gateway-attachment": lambda: live(ec2.describe_transit_gateway_attachments()["TransitGatewayAttachments"], "TransitGatewayAttachmentId", "State"),
        "ec2:vpc-peering-connection": lambda: live(ec2.describe_vpc_peering_connections()["VpcPeeringConnections"], "VpcPeeringConnectionId", "Status.Code"),
        "ec2:vpn-connection": lambda: live(ec2.describe_vpn_connections()["VpnConnections"], "VpnConnectionId", "State"),
        "ec2:vpn-gateway": lambda: live(ec2.describe_vpn_gateways()["VpnGateways"], "VpnGatewayId", "State"),
        "ec2:customer-gateway": lambda: live(ec2.describe_customer_gateways()["CustomerGateways"], "CustomerGatewayId", "State"),
        "apigateway:rest-api": lambda: live(apigw.get_rest_apis()["items"], "id"),
        "apigateway:vpc-link": lambda: live(apigw.get_vpc_links()["items"], "id", "status"),
        "apigateway:domain-name": lambda: live(apigw.get_domain_names()["items"], "domainName"),
        "apigatewayv2:api": lambda: live(apigw2.get_apis()["Items"], "ApiId"),
        "apigatewayv2:vpc-link": lambda: live(apigw2.get_vpc_links()["Items"], "VpcLinkId", "VpcLinkStatus"),
        "lambda:function": lambda: live(c("lambda").list_functions()["Functions"], "FunctionName"),
        "logs:log-group": lambda: live(c("logs").describe_log_groups()["logGroups"], "logGroupName"),
        "kms:key": lambda: customer_keys(c("kms")),
        "elbv2:load-balancer": lambda: live(c("elbv2").describe_load_balancers()["LoadBalancers"], "LoadBalancerArn"),
        "elbv2:target-group": lambda: live(c("elbv2").describe_target_groups()["TargetGroups"], "TargetGroupArn"),
        "ecs:cluster": lambda: live(c("ecs").describe_clusters(clusters=c("ecs").list_clusters()["clusterArns"])["clusters"], "clusterArn", "status"),
        "ecs:task-definition": lambda: c("ecs").list_task_definitions(status="ACTIVE")["taskDefinitionArns"],
        "ecr:pull-through-cache-rule": lambda: live(c("ecr").describe_pull_through_cache_rules()["pullThroughCacheRules"], "ecrRepositoryPrefix"),
        "autoscaling:group": lambda: live(c("autoscaling").describe_auto_scaling_groups()["AutoScalingGroups"], "AutoScalingGroupName"),
        "cloudwatch:alarm": lambda: live(c("cloudwatch").describe_alarms()["MetricAlarms"], "AlarmName"),
        "cognito-idp:user-pool": lambda: live(c("cognito-idp").list_user_pools(MaxResults=60)["UserPools"], "Id"),
        "route53resolver:endpoint": lambda: live(c("route53resolver").list_resolver_endpoints()["ResolverEndpoints"], "Id", "Status"),
        "servicediscovery:namespace": lambda: live(c("servicediscovery").list_namespaces()["Namespaces"], "Id"),
        "servicediscovery:service": lambda: live(c("servicediscovery").list_services()["Services"], "Id"),
        "ram:resource-share": lambda: live(c("ram").get_resource_shares(resourceOwner="SELF")["resourceShares"], "resourceShareArn", "status"),
        "directconnect:gateway": lambda: live(c("directconnect").describe_direct_connect_gateways()["directConnectGateways"], "directConnectGatewayId", "directConnectGatewayState"),
        "acm:certificate": lambda: live(c("acm").list_certificates()["CertificateSummaryList"], "CertificateArn"),
    }


def settings(c: Callable[[str], object]) -> dict[str, Callable[[], list[str]]]:
    """Account settings per Region: not resources, there is no call that deletes them.
    https://docs.aws.amazon.com/apigateway/latest/api/API_GetAccount.html
    """
    apigw = c("apigateway")
    return {
        "apigateway:cloudwatch-role-arn": lambda: [r for r in [apigw.get_account().get("cloudwatchRoleArn")] if r],
    }


def account_wide(c: Callable[[str], object]) -> dict[str, Callable[[], list[str]]]:
    iam = c("iam")
    return {
        "iam:role": lambda: live(iam.list_roles()["Roles"], "RoleName"),
        "iam:instance-profile": lambda: live(iam.list_instance_profiles()["InstanceProfiles"], "InstanceProfileName"),
        "iam:policy": lambda: live(iam.list_policies(Scope="Local")["Policies"], "PolicyName"),
        "s3:bucket": lambda: live(c("s3").list_buckets()["Buckets"], "Name"),
        "route53:hosted-zone": lambda: live(c("route53").list_hosted_zones()["HostedZones"], "Id"),
        "route53:health-check": lambda: live(c("route53").list_health_checks()["HealthChecks"], "Id"),
    }


def listed(where: str, groups: dict[str, Callable[[], list[str]]]) -> list[str]:
    out = []
    for kind, list_ids in groups.items():
        try:
            ids = list_ids()
        except Exception as error:  # a listing the emulator cannot answer fails the check
            raise SystemExit(f"inventory: listing {kind} in {where} failed: {error}") from error
        out += [f"{where} {kind}:{i}" for i in ids]
    return out


def inventory(endpoint: str, targets: list[tuple[str, str]]) -> dict[str, list[str]]:
    found: list[str] = []
    kept: list[str] = []
    accounts_done: set[str] = set()
    for account, region in targets:
        c = session(endpoint, account, region)
        if account not in accounts_done:
            accounts_done.add(account)
            found += listed(f"{account}/global", account_wide(c))
        found += listed(f"{account}/{region}", regional(c))
        kept += listed(f"{account}/{region}", settings(c))
    return {"resources": sorted(set(found)), "settings": sorted(set(kept))}


if __name__ == "__main__":
    endpoint = sys.argv[1]
    targets = [tuple(arg.split(":", 1)) for arg in sys.argv[2:]]
    print(json.dumps(inventory(endpoint, targets)))  # type: ignore[arg-type]
