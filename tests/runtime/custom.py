"""Small clients built on the runtime with settings of a test's choosing, as generated code would
declare them, for behaviour that depends on how an API authenticates."""

from __future__ import annotations

from typing import Any

from sdkrt._auth import SecurityScheme
from sdkrt._base_client import AsyncAPIClient, ClientSettings, SyncAPIClient

__all__ = ["ClientSettings", "async_client", "settings", "sync_client"]


def settings(
    schemes: dict[str, SecurityScheme] | None = None,
    security: tuple[tuple[str, ...], ...] = (),
    **extra: Any,
) -> ClientSettings:
    return ClientSettings(
        distribution="custom-sdk",
        version="0.1.0",
        default_base_url="https://custom.invalid",
        env_prefix="CUSTOM",
        schemes=schemes or {},
        security=security,
        **extra,
    )


def sync_client(client_settings: ClientSettings, **options: Any) -> SyncAPIClient:
    """A client of these settings that records retry pauses (``.pauses``) instead of taking
    them."""

    class Custom(SyncAPIClient):
        _settings = client_settings

        def _sleep(self, seconds: float) -> None:
            self.pauses.append(seconds)

    client = Custom(**options)
    client.pauses = []  # type: ignore[attr-defined]
    return client


def async_client(client_settings: ClientSettings, **options: Any) -> AsyncAPIClient:
    class AsyncCustom(AsyncAPIClient):
        _settings = client_settings

        async def _sleep(self, seconds: float) -> None:
            self.pauses.append(seconds)

    client = AsyncCustom(**options)
    client.pauses = []  # type: ignore[attr-defined]
    return client
