"""Completes moto 5.2.1 where it lacks an AWS API or answers differently from AWS.

One package, loaded when the emulator starts (../server.py). Each patch is small, is named after
the AWS API it completes, cites the AWS API reference for the behaviour it gives, and has a boto3
test in ../tests (python3 -m unittest discover -s tests). A patch makes moto behave like AWS; it never skips a resource.
"""

from __future__ import annotations

from typing import Callable

PATCHES: list[Callable[[], None]] = []


def patch(fn: Callable[[], None]) -> Callable[[], None]:
    """Registers a patch; the function's name is the AWS API it completes."""
    PATCHES.append(fn)
    return fn


_applied: list[str] = []


def apply() -> list[str]:
    """Applies every patch once; returns their names."""
    if not _applied:
        from . import apigateway, apigateway_domains, awslambda, directconnect, ec2, ecr, ecs, elbv2, kms, privatelink, ram, route53, servicediscovery, transit_gateway, vpn  # noqa: F401  (registers their patches)

        for fn in PATCHES:
            fn()
            _applied.append(fn.__name__)
    return list(_applied)
