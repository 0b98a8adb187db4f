"""Amazon ECR."""

from __future__ import annotations

import json

from . import patch


@patch
def CreatePullThroughCacheRule() -> None:
    """ECR pull-through cache rules: CreatePullThroughCacheRule, DescribePullThroughCacheRules and
    DeletePullThroughCacheRule, which moto lacks. A rule is kept per registry (account and Region);
    a second rule with the same prefix, or an unknown prefix, is an error as in AWS.
    https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreatePullThroughCacheRule.html
    https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_DescribePullThroughCacheRules.html
    https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_DeletePullThroughCacheRule.html
    """
    import time

    from moto.core.exceptions import JsonRESTError
    from moto.ecr.responses import ECRResponse

    fields = ("upstreamRegistryUrl", "credentialArn", "upstreamRegistry", "customRoleArn", "upstreamRepositoryPrefix")

    def rules(self: ECRResponse) -> dict:
        backend = self.ecr_backend
        if not hasattr(backend, "pull_through_cache_rules"):
            backend.pull_through_cache_rules = {}
        return backend.pull_through_cache_rules

    def create(self: ECRResponse) -> str:
        prefix = self._get_param("ecrRepositoryPrefix")
        if prefix in rules(self):
            raise JsonRESTError("PullThroughCacheRuleAlreadyExistsException", f"A pull through cache rule with prefix '{prefix}' already exists")
        rule = {"ecrRepositoryPrefix": prefix, "registryId": self.current_account, "createdAt": time.time()}
        rule.update({k: self._get_param(k) for k in fields if self._get_param(k) is not None})
        rule.setdefault("upstreamRegistry", "ecr-public" if "public.ecr.aws" in rule["upstreamRegistryUrl"] else None)
        rules(self)[prefix] = {k: v for k, v in rule.items() if v is not None}
        return json.dumps(rules(self)[prefix])

    def describe(self: ECRResponse) -> str:
        wanted = self._get_param("ecrRepositoryPrefixes")
        if wanted:
            missing = [p for p in wanted if p not in rules(self)]
            if missing:
                raise JsonRESTError("PullThroughCacheRuleNotFoundException", f"The pull through cache rule with prefix '{missing[0]}' does not exist")
            found = [rules(self)[p] for p in wanted]
        else:
            found = list(rules(self).values())
        return json.dumps({"pullThroughCacheRules": found})

    def delete(self: ECRResponse) -> str:
        prefix = self._get_param("ecrRepositoryPrefix")
        if prefix not in rules(self):
            raise JsonRESTError("PullThroughCacheRuleNotFoundException", f"The pull through cache rule with prefix '{prefix}' does not exist")
        return json.dumps(rules(self).pop(prefix))

    ECRResponse.create_pull_through_cache_rule = create
    ECRResponse.describe_pull_through_cache_rules = describe
    ECRResponse.delete_pull_through_cache_rule = delete
