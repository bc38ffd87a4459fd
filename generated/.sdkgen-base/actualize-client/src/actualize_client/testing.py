"""Fakes of Actualize and AsyncActualize for your tests: no network, no server.

`FakeActualize` and `AsyncFakeActualize` are the real clients over an in-process transport that
answers every operation of the spec the package was built from, checks each request against it
(a call the API would refuse raises `FakeRequestError` in your test), and records what was sent:

    from actualize_client.testing import FakeActualize

    client = FakeActualize()
    client.fake.respond("resource.method", status=404)  # or body=..., error=..., delay=...
    ...
    assert client.fake.calls[-1].operation == "resource.method"

Answers come from the spec's examples, or are made up from its schemas; retries do not wait
(the pauses are recorded in `client.fake.waits`).
"""

from __future__ import annotations

from typing import Any

from ._client import Actualize, AsyncActualize
from ._testing import Call, FakeAPI, FakeRequestError, Reply, attach_fake

__all__ = ["AsyncFakeActualize", "Call", "FakeAPI", "FakeActualize", "FakeRequestError", "Reply"]


class FakeActualize(Actualize):
    """`Actualize` answering from the spec in-process; `.fake` sets replies and holds calls."""

    fake: FakeAPI

    def __init__(self, *, fake: FakeAPI | None = None, strict: bool = True, **options: Any) -> None:
        self.fake = attach_fake(
            options, fake, strict=strict, asynchronous=False, settings=self._settings
        )
        super().__init__(**options)

    def _sleep(self, seconds: float) -> None:
        self.fake.waits.append(seconds)


class AsyncFakeActualize(AsyncActualize):
    """`AsyncActualize` answering from the spec in-process; `.fake` sets replies and holds calls."""

    fake: FakeAPI

    def __init__(self, *, fake: FakeAPI | None = None, strict: bool = True, **options: Any) -> None:
        self.fake = attach_fake(
            options, fake, strict=strict, asynchronous=True, settings=self._settings
        )
        super().__init__(**options)

    async def _sleep(self, seconds: float) -> None:
        self.fake.waits.append(seconds)
