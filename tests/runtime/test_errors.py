"""Error replies and broken bodies become the documented exceptions, with useful context."""

from __future__ import annotations

import httpx
import pytest
from sdkrt._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    UnprocessableEntityError,
)

from tests.support.fault_server import FaultServer, Reply

from .demo_sdk import API_KEY, ErrorBody, NoWaitAsyncDemo, NoWaitDemo

STATUS_CASES = [
    # status, expected class, request-id header, whether error_types declares a model for it
    (400, BadRequestError, "x-request-id", True),
    (401, AuthenticationError, "request-id", False),
    (403, PermissionDeniedError, "x-amzn-requestid", False),
    (404, NotFoundError, "x-request-id", False),
    (409, ConflictError, "x-request-id", False),
    (422, UnprocessableEntityError, "x-request-id", True),
    (418, APIStatusError, "x-request-id", False),
    (520, InternalServerError, "x-request-id", True),  # via the "5XX" key
]


def error_reply(status: int, request_id_header: str) -> Reply:
    body = {"message": f"failed with {status}", "code": "E42", "detail": "extra"}
    return Reply.json(body, status=status, headers={request_id_header: f"req-{status}"})


def assert_status_error(
    error: APIStatusError, status: int, expected: type[APIStatusError], modelled: bool
) -> None:
    assert type(error) is expected
    assert error.status_code == status
    assert error.response.status_code == status
    assert error.request_id == f"req-{status}"
    assert error.attempts == 1
    if modelled:
        assert isinstance(error.body, ErrorBody)
        assert (error.body.message, error.body.code) == (f"failed with {status}", "E42")
    else:
        assert error.body == {"message": f"failed with {status}", "code": "E42", "detail": "extra"}
    message = str(error)
    assert message.startswith(f"{status} ")
    assert "GET /v1/widgets/w1" in message
    assert f"failed with {status}" in message  # a body excerpt


@pytest.mark.parametrize(("status", "expected", "request_id_header", "modelled"), STATUS_CASES)
def test_each_error_status_raises_its_class(
    server: FaultServer,
    client: NoWaitDemo,
    status: int,
    expected: type[APIStatusError],
    request_id_header: str,
    modelled: bool,
) -> None:
    server.enqueue(error_reply(status, request_id_header))
    with pytest.raises(APIStatusError) as caught:
        client.widgets.get("w1", max_retries=0)
    assert_status_error(caught.value, status, expected, modelled)


@pytest.mark.anyio
@pytest.mark.parametrize(("status", "expected", "request_id_header", "modelled"), STATUS_CASES)
async def test_each_error_status_raises_its_class_async(
    server: FaultServer,
    async_client: NoWaitAsyncDemo,
    status: int,
    expected: type[APIStatusError],
    request_id_header: str,
    modelled: bool,
) -> None:
    server.enqueue(error_reply(status, request_id_header))
    with pytest.raises(APIStatusError) as caught:
        await async_client.widgets.get("w1", max_retries=0)
    assert_status_error(caught.value, status, expected, modelled)


def test_an_error_body_that_is_not_json_is_kept_as_text(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(Reply.text("<html>upstream exploded</html>", status=400))
    with pytest.raises(BadRequestError) as caught:
        client.widgets.get("w1")
    assert caught.value.body == "<html>upstream exploded</html>"
    assert caught.value.request_id is None


def test_an_empty_error_body_is_none(server: FaultServer, client: NoWaitDemo) -> None:
    server.enqueue(Reply(status=404))
    with pytest.raises(NotFoundError) as caught:
        client.widgets.get("w1")
    assert caught.value.body is None


def test_a_long_error_body_is_only_excerpted(server: FaultServer, client: NoWaitDemo) -> None:
    server.enqueue(Reply.text("x" * 10_000, status=409))
    with pytest.raises(ConflictError) as caught:
        client.widgets.get("w1")
    assert len(str(caught.value)) < 300
    assert caught.value.body == "x" * 10_000  # the full body stays available


def test_the_api_key_never_appears_in_error_text_even_when_echoed(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(Reply.json({"message": f"key {API_KEY} is revoked"}, status=401))
    with pytest.raises(AuthenticationError) as caught:
        client.widgets.get("w1")
    assert API_KEY not in str(caught.value)
    assert API_KEY not in repr(caught.value)
    assert "is revoked" in str(caught.value)


@pytest.mark.parametrize("how", ["default_headers", "extra_headers"])
def test_a_key_sent_in_a_plain_header_never_appears_in_error_text_when_echoed(
    server: FaultServer, client: NoWaitDemo, how: str
) -> None:
    key = "xi-5ecret-header-value"
    echo = {"detail": [{"loc": ["header", "xi-api-key"], "msg": "invalid", "input": key}]}
    server.enqueue(Reply.json(echo, status=422))
    headers = {"xi-api-key": key}
    with pytest.raises(UnprocessableEntityError) as caught:
        if how == "default_headers":
            client.with_options(default_headers=headers).widgets.get("w1")
        else:
            client.widgets.get("w1", extra_headers=headers)
    assert server.requests[0].headers["xi-api-key"] == key  # sent as given
    assert key not in str(caught.value)
    assert key not in repr(caught.value.body)
    assert "invalid" in str(caught.value)


@pytest.mark.parametrize("reply", [Reply(status=204), Reply.json({"deleted": True})])
def test_an_operation_without_declared_content_ignores_the_body(
    server: FaultServer, client: NoWaitDemo, reply: Reply
) -> None:
    server.enqueue(reply)
    client.widgets.delete("w1")
    assert server.requests[0].method == "DELETE"


def test_a_failed_delete_raises_rather_than_returning_none(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(Reply.json({"message": "gone"}, status=404))
    with pytest.raises(NotFoundError):
        client.widgets.delete("w1")


def test_truncated_json_is_a_connection_error_and_retried(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.fallback = Reply.json({"id": "w1", "displayName": "x" * 500}, fault="truncate")
    with pytest.raises(APIConnectionError) as caught:
        client.widgets.get("w1")
    assert isinstance(caught.value.__cause__, httpx.RemoteProtocolError)
    assert caught.value.attempts == 3
    assert server.count == 3


@pytest.mark.anyio
async def test_truncated_json_is_a_connection_error_and_retried_async(
    server: FaultServer, async_client: NoWaitAsyncDemo
) -> None:
    server.fallback = Reply.json({"id": "w1", "displayName": "x" * 500}, fault="truncate")
    with pytest.raises(APIConnectionError) as caught:
        await async_client.widgets.get("w1")
    assert isinstance(caught.value.__cause__, httpx.RemoteProtocolError)
    assert server.count == 3


def test_a_complete_body_that_is_not_json_is_a_validation_error(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(Reply(200, {"Content-Type": "application/json"}, b'{"id": "w1", "displ'))
    with pytest.raises(APIResponseValidationError) as caught:
        client.widgets.get("w1")
    assert caught.value.status_code == 200
    assert caught.value.body == '{"id": "w1", "displ'
    assert server.count == 1  # the server answered; asking again would not help


@pytest.mark.anyio
async def test_a_complete_body_that_is_not_json_is_a_validation_error_async(
    server: FaultServer, async_client: NoWaitAsyncDemo
) -> None:
    server.enqueue(Reply(200, {"Content-Type": "application/json"}, b"not json"))
    with pytest.raises(APIResponseValidationError):
        await async_client.widgets.get("w1")


def test_every_runtime_error_is_an_api_error(server: FaultServer, client: NoWaitDemo) -> None:
    server.enqueue(Reply.json({}, status=404), Reply.json({}, fault="reset"))
    for _ in range(2):
        with pytest.raises(APIError) as caught:
            client.widgets.get("w1", max_retries=0)
        assert isinstance(caught.value.request, httpx.Request)
        assert caught.value.message == str(caught.value)
