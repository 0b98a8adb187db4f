"""API Gateway private custom domain names and their access associations."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote

from . import patch


@patch
def CreateDomainName() -> None:
    """A private custom domain name (endpoint type PRIVATE) gets a `domainNameId` and a
    `domainNameArn` (arn:...:/domainnames/<name>+<id>) and keeps its resource `policy` (returned
    as given, unlike a REST API's); it has no Regional or edge target. moto drops all three.
    https://docs.aws.amazon.com/apigateway/latest/api/API_CreateDomainName.html
    https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-custom-domains.html
    """
    from moto.apigateway.models import DomainName
    from moto.apigateway.responses import APIGatewayResponse
    from moto.apigateway.utils import create_id

    create, to_json = APIGatewayResponse.create_domain_name, DomainName.to_json

    def create_domain_name(self: APIGatewayResponse) -> Any:
        status, headers, _ = create(self)
        domain = self.backend.get_domain_name(self._get_param("domainName"))
        domain.policy = self._get_param("policy")
        types = (self._get_param("endpointConfiguration") or {}).get("types") or []
        domain.arn = f"arn:{self.partition}:apigateway:{self.region}:{self.current_account}:/domainnames/{domain.domain_name}"
        if "PRIVATE" in types:
            domain.domain_name_id = create_id()
            domain.arn = f"{domain.arn}+{domain.domain_name_id}"
        return status, headers, json.dumps(domain.to_json())

    def domain_json(self: DomainName) -> dict[str, Any]:
        result = to_json(self)
        if getattr(self, "domain_name_id", None):
            for key in ("regionalDomainName", "distributionDomainName", "regionalHostedZoneId", "distributionHostedZoneId"):
                result.pop(key, None)
            result["domainNameId"] = self.domain_name_id
        if getattr(self, "arn", None):
            result["domainNameArn"] = self.arn
        if getattr(self, "policy", None):
            result["policy"] = self.policy
        return result

    APIGatewayResponse.create_domain_name = create_domain_name
    DomainName.to_json = domain_json


@patch
def CreateDomainNameAccessAssociation() -> None:
    """CreateDomainNameAccessAssociation, GetDomainNameAccessAssociations and
    DeleteDomainNameAccessAssociation: a VPC endpoint granted access to a private custom domain
    name; moto lacks all three. The domain name must exist.
    https://docs.aws.amazon.com/apigateway/latest/api/API_CreateDomainNameAccessAssociation.html
    https://docs.aws.amazon.com/apigateway/latest/api/API_GetDomainNameAccessAssociations.html
    https://docs.aws.amazon.com/apigateway/latest/api/API_DeleteDomainNameAccessAssociation.html
    GetTags answers for an association's ARN with the tags it was created with:
    https://docs.aws.amazon.com/apigateway/latest/api/API_GetTags.html
    """
    from moto.apigateway import urls
    from moto.apigateway.exceptions import NotFoundException
    from moto.apigateway.responses import APIGatewayResponse

    def associations(self: APIGatewayResponse) -> dict[str, dict[str, Any]]:
        if not hasattr(self.backend, "domain_name_access_associations"):
            self.backend.domain_name_access_associations = {}
        return self.backend.domain_name_access_associations

    def create(self: APIGatewayResponse) -> Any:
        domain_arn = self._get_param("domainNameArn")
        if not any(getattr(d, "arn", None) == domain_arn for d in self.backend.get_domain_names()):
            raise NotFoundException(f"Invalid domain name identifier specified: {domain_arn}")
        source = self._get_param("accessAssociationSource")
        name = domain_arn.split(":/domainnames/", 1)[1]
        arn = f"arn:{self.partition}:apigateway:{self.region}:{self.current_account}:/domainnameaccessassociations/domainname/{name}/vpcesource/{source}"
        association = {
            "domainNameAccessAssociationArn": arn,
            "domainNameArn": domain_arn,
            "accessAssociationSourceType": self._get_param("accessAssociationSourceType"),
            "accessAssociationSource": source,
            "tags": self._get_param("tags") or {},
        }
        associations(self)[arn] = association
        return 201, {"status": 201}, json.dumps(association)

    def get_all(self: APIGatewayResponse) -> str:
        owner = self._get_param("resourceOwner") or "SELF"
        items = list(associations(self).values()) if owner == "SELF" else []
        return json.dumps({"item": items})

    def delete(self: APIGatewayResponse) -> Any:
        arn = unquote(self.path.split("/domainnameaccessassociations/", 1)[1])
        if associations(self).pop(arn, None) is None:
            raise NotFoundException(f"Invalid domain name access association identifier specified: {arn}")
        return 202, {"status": 202}, ""

    def get_tags(self: APIGatewayResponse) -> str:
        arn = unquote(self.path.split("/tags/", 1)[1])
        association = associations(self).get(arn)
        if association is None:
            raise NotFoundException(f"Invalid resource identifier specified: {arn}")
        return json.dumps({"tags": association["tags"]})

    APIGatewayResponse.get_tags = get_tags
    APIGatewayResponse.create_domain_name_access_association = create
    APIGatewayResponse.get_domain_name_access_associations = get_all
    APIGatewayResponse.delete_domain_name_access_association = delete
    urls.url_paths["{0}/tags/(?P<association_arn>arn:.+/domainnameaccessassociations/.+)$"] = APIGatewayResponse.dispatch
    urls.url_paths["{0}/domainnameaccessassociations$"] = APIGatewayResponse.dispatch
    urls.url_paths["{0}/domainnameaccessassociations/(?P<association_arn>.+)$"] = APIGatewayResponse.dispatch
