"""boto3 tests of the emulator patches for API Gateway: each calls the AWS API a patch completes and
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

    def test_UpdateAccount_clears_the_cloudwatch_role_with_no_value(self):
        # What the provider sends with reset_on_delete, and the command account-settings' README gives.
        apigw = boto3.client("apigateway")
        apigw.update_account(patchOperations=[{"op": "replace", "path": "/cloudwatchRoleArn", "value": "arn:aws:iam::123456789012:role/r"}])
        apigw.update_account(patchOperations=[{"op": "replace", "path": "/cloudwatchRoleArn"}])
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
