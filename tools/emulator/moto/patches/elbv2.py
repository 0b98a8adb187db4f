"""Elastic Load Balancing (v2)."""

from __future__ import annotations

from typing import Any

from . import patch


@patch
def SetSecurityGroups() -> None:
    """SetSecurityGroups keeps `EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic` (on or off)
    for a Network Load Balancer, and DescribeLoadBalancers returns it; moto drops it. A Network
    Load Balancer created with security groups enforces them on PrivateLink traffic ("on").
    https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_SetSecurityGroups.html
    https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancer.html
    """
    from moto.core.responses import ActionResult
    from moto.elbv2.models import FakeLoadBalancer
    from moto.elbv2.responses import ELBV2Response

    set_groups, init = ELBV2Response.set_security_groups, FakeLoadBalancer.__init__

    def new_init(self: FakeLoadBalancer, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        if self.type == "network" and self.security_groups:
            self.enforce_security_group_inbound_rules_on_private_link_traffic = "on"

    def set_security_groups(self: ELBV2Response) -> ActionResult:
        response = set_groups(self)
        value = self._get_param("EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic")
        balancer = self.elbv2_backend.load_balancers[self._get_param("LoadBalancerArn")]
        if value:
            balancer.enforce_security_group_inbound_rules_on_private_link_traffic = value
        current = getattr(balancer, "enforce_security_group_inbound_rules_on_private_link_traffic", None)
        return ActionResult({**response.result, **({"EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic": current} if current else {})})

    FakeLoadBalancer.__init__ = new_init
    ELBV2Response.set_security_groups = set_security_groups
