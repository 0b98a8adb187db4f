"""Shared setup of the boto3 tests of the emulator patches: moto in-process, patches applied."""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")

import boto3  # noqa: E402

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


def clients(account, *services):
    """Clients acting in another account: moto keeps accounts apart by the assumed role's account."""
    sts = boto3.client("sts")
    creds = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/r", RoleSessionName="test")["Credentials"]
    keys = {"aws_access_key_id": creds["AccessKeyId"], "aws_secret_access_key": creds["SecretAccessKey"], "aws_session_token": creds["SessionToken"]}
    return tuple(boto3.client(service, **keys) for service in services or ("ec2", "ram"))
