"""AWS Lambda."""

from __future__ import annotations

from typing import Any

from . import patch


def _logging_config(name: str, given: dict[str, Any] | None) -> dict[str, Any]:
    config = {"LogFormat": "Text", "LogGroup": f"/aws/lambda/{name}", **(given or {})}
    if config["LogFormat"] == "JSON":
        config.setdefault("ApplicationLogLevel", "INFO")
        config.setdefault("SystemLogLevel", "INFO")
    return config


@patch
def GetFunctionConfiguration() -> None:
    """A function's `LoggingConfig` (log format, log group, and for JSON the application and
    system log levels, INFO by default) is kept from CreateFunction and
    UpdateFunctionConfiguration and returned by GetFunction; moto drops it.
    https://docs.aws.amazon.com/lambda/latest/api/API_LoggingConfig.html
    https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionConfiguration.html
    """
    from moto.awslambda.models import LambdaFunction

    init, get, update = LambdaFunction.__init__, LambdaFunction.get_configuration, LambdaFunction.update_configuration

    def new_init(self: LambdaFunction, account_id: str, spec: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        init(self, account_id, spec, *args, **kwargs)
        self.logging_config = _logging_config(self.function_name, spec.get("LoggingConfig"))

    def get_configuration(self: LambdaFunction, *args: Any, **kwargs: Any) -> dict[str, Any]:
        config = get(self, *args, **kwargs)
        config["LoggingConfig"] = getattr(self, "logging_config", _logging_config(self.function_name, None))
        return config

    def update_configuration(self: LambdaFunction, updates: dict[str, Any]) -> dict[str, Any]:
        if "LoggingConfig" in updates:
            self.logging_config = _logging_config(self.function_name, updates["LoggingConfig"])
        return update(self, updates)

    LambdaFunction.__init__ = new_init
    LambdaFunction.get_configuration = get_configuration
    LambdaFunction.update_configuration = update_configuration
