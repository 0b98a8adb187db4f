"""API Gateway (REST APIs, v1)."""

from __future__ import annotations

import json
from typing import Any

from . import patch


@patch
def GetRestApi() -> None:
    """GetRestApi / CreateRestApi / UpdateRestApi return `policy` as JSON text whose quotes are
    backslash-escaped, which the AWS provider unquotes before parsing; moto returns it raw.
    https://docs.aws.amazon.com/apigateway/latest/api/API_GetRestApi.html (policy: "A stringified
    JSON policy document")
    """
    from moto.apigateway.models import RestAPI

    original = RestAPI.to_dict

    def to_dict(self: RestAPI) -> dict:
        result = original(self)
        policy = result.get("policy")
        if policy:
            # Stored in the AWS form: minified JSON with its quotes escaped.
            try:
                text = json.dumps(json.loads(policy), separators=(",", ":"))
            except ValueError:
                text = policy.replace('\\"', '"')
            result["policy"] = text.replace('"', '\\"')
        return result

    RestAPI.to_dict = to_dict


@patch
def UpdateAccount() -> None:
    """UpdateAccount with `replace /cloudwatchRoleArn` and an empty or absent value clears the
    role, as the provider does on destroy with reset_on_delete; moto fails on the absent value.
    https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateAccount.html
    https://docs.aws.amazon.com/apigateway/latest/api/patch-operations.html
    """
    from moto.apigateway.models import Account

    original = Account.apply_patch_operations

    def apply_patch_operations(self: Account, patch_operations: list[dict[str, Any]]) -> Any:
        rest = []
        for op in patch_operations:
            if op.get("path", "").lower() == "/cloudwatchrolearn" and not op.get("value"):
                self.cloudwatch_role_arn = None
            else:
                rest.append(op)
        return original(self, rest)

    Account.apply_patch_operations = apply_patch_operations


@patch
def PutIntegration() -> None:
    """An integration through a VPC link keeps its `connectionId` (the VPC link ID), returned by
    PutIntegration and GetIntegration; moto drops it.
    https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegration.html
    """
    from moto.apigateway.models import Integration
    from moto.apigateway.responses import APIGatewayResponse

    put, to_json = APIGatewayResponse.put_integration, Integration.to_json

    def put_integration(self: APIGatewayResponse) -> Any:
        status, headers, _ = put(self)
        parts = self.path.split("/")
        integration = self.backend.get_integration(parts[2], parts[4], parts[6])
        integration.connection_id = self._get_param("connectionId")
        return status, headers, json.dumps(integration.to_json())

    def integration_json(self: Integration) -> dict[str, Any]:
        result = to_json(self)
        if getattr(self, "connection_id", None):
            result["connectionId"] = self.connection_id
        return result

    APIGatewayResponse.put_integration = put_integration
    Integration.to_json = integration_json
