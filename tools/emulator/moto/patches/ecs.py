"""Amazon ECS."""

from __future__ import annotations

from typing import Any

from . import patch


@patch
def CreateService() -> None:
    """A service keeps `healthCheckGracePeriodSeconds` and `availabilityZoneRebalancing` from
    CreateService and UpdateService and returns them in DescribeServices; moto drops both. Without
    a value, a new replica service gets ENABLED rebalancing.
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Service.html
    """
    from moto.ecs.responses import EC2ContainerServiceResponse as ECSResponse

    create, update = ECSResponse.create_service, ECSResponse.update_service

    def keep(self: ECSResponse, response: Any, on_create: bool) -> Any:
        service = response.result["service"]
        grace = self._get_param("healthCheckGracePeriodSeconds")
        if grace is not None or on_create:
            service.health_check_grace_period_seconds = grace
        rebalancing = self._get_param("availabilityZoneRebalancing")
        if rebalancing is not None:
            service.availability_zone_rebalancing = rebalancing
        elif on_create:
            replica = (self._get_param("schedulingStrategy") or "REPLICA") == "REPLICA"
            service.availability_zone_rebalancing = "ENABLED" if replica else "DISABLED"
        return response

    ECSResponse.create_service = lambda self: keep(self, create(self), True)
    ECSResponse.update_service = lambda self: keep(self, update(self), False)
