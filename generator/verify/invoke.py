"""Calling a generated client the way its users do, sync or async, and keeping what happened.

A call that returns a page and says there is another also fetches the next one; a binary result
and an event stream are read while the client is open. Every exception the client raises is
kept for the checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .calls import Call
from .contract import Contract


@dataclass(frozen=True)
class Outcome:
    result: Any
    error: BaseException | None
    binary: bytes | None = None  # a binary response's bytes, read while the client was open
    following: Any = None  # the page after a first page that says there is one
    events: list[Any] | None = None  # an event stream's items, read while the client was open


def invoke_sync(
    contract: Contract, call: Call, *, status: int | None = None, reply: str | None = None
) -> Outcome:
    """Make the call; the mock answers with `status` and the canned `reply` when given."""
    contract.mock.clear()
    answer = contract.mock.respond_with(
        status, reply or call.reply, call.transform, call.method.key, call.headers
    )
    with answer, contract.sync_client() as client:
        method = getattr(getattr(client, call.method.resource), call.method.name)
        try:
            result = method(*call.args, **call.kwargs)
            if _is_binary(contract, result):
                return Outcome(result, None, binary=result.read())
            if _is_stream(contract, result):
                return Outcome(result, None, events=list(result))
            if _is_page(contract, result) and result.has_next_page():
                return Outcome(result, None, following=result.next_page())
        except Exception as error:
            return Outcome(None, error)
        return Outcome(result, None)


async def invoke_async(
    contract: Contract, call: Call, *, status: int | None = None, reply: str | None = None
) -> Outcome:
    contract.mock.clear()
    answer = contract.mock.respond_with(
        status, reply or call.reply, call.transform, call.method.key, call.headers
    )
    with answer:
        async with contract.async_client() as client:
            method = getattr(getattr(client, call.method.resource), call.method.name)
            try:
                result = await method(*call.args, **call.kwargs)
                if _is_binary(contract, result):
                    return Outcome(result, None, binary=await result.read())
                if _is_stream(contract, result):
                    return Outcome(result, None, events=[event async for event in result])
                if _is_page(contract, result) and result.has_next_page():
                    return Outcome(result, None, following=await result.next_page())
            except Exception as error:
                return Outcome(None, error)
            return Outcome(result, None)


def _is_binary(contract: Contract, result: Any) -> bool:
    kinds = (contract.export("BinaryResponse"), contract.export("AsyncBinaryResponse"))
    return isinstance(result, kinds)


def _is_stream(contract: Contract, result: Any) -> bool:
    names = ("Stream", "AsyncStream", "JSONLinesStream", "AsyncJSONLinesStream")
    return isinstance(result, tuple(contract.export(name) for name in names))


def _is_page(contract: Contract, result: Any) -> bool:
    return isinstance(result, (contract.export("SyncPage"), contract.export("AsyncPage")))
