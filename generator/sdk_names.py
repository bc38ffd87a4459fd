"""Names a spec gives its SDK's methods itself, where it gives them.

Specs of APIs whose official SDKs Fern generates (AssemblyAI, Cohere, ElevenLabs, Deepgram)
name each operation's group and method: `x-fern-sdk-group-name: lemur` with
`x-fern-sdk-method-name: task` is `client.lemur.task()` in those SDKs. Their tags are written
for the reference pages (AssemblyAI tags every LeMUR operation `LeMUR`, and its operationIds
repeat the group: `lemurTask`), so without these names the same call would be
`client.le_mur.lemur_task()`: users moving from the official SDK, or reading its docs, expect
the vendor's names. The group is read as a tag ahead of the operation's own tags, the method
as the first name tried (a clash within the resource falls back to the usual candidates), and
both go through the same rules as any name taken from the spec.

A body the operation takes in several media types may be named per type (Deepgram's `/v1/listen`:
`transcribeUrl` for JSON, `transcribeFile` for raw audio): those SDKs then have one method per
type under those names and none under the operation's, so the operation's own method takes the
name of the body it sends, and each other body's method its own (`analyze.bodies`).
"""

from __future__ import annotations

from typing import Any

from . import refs
from .body_order import body_order

GROUP = "x-fern-sdk-group-name"
METHOD = "x-fern-sdk-method-name"


def sdk_tags(operation: dict[str, Any]) -> Any:
    """The operation's tags, with the group its SDK puts it in first (a nested group, written
    as a list, is one resource named by all its parts)."""
    tags = operation.get("tags")
    group = operation.get(GROUP)
    if isinstance(group, list) and group and all(isinstance(part, str) for part in group):
        group = " ".join(group)
    if not isinstance(group, str) or not group.strip():
        return tags
    return [group, *(tags if isinstance(tags, list) else [])]


def sdk_method(document: dict[str, Any], operation: dict[str, Any]) -> list[str]:
    """The method names the operation's SDK gives it, if any (as written, to be made a name):
    the name of the body its own method sends first, then the operation's."""
    body = refs.resolve(document, operation.get("requestBody"), "").node
    order = body_order(document, body)
    own = body_method(body["content"][order[0]]) if order else []
    return own + body_method(operation)


def body_method(holder: Any) -> list[str]:
    """The method name an operation or one of its body's media types is given, if any."""
    name = holder.get(METHOD) if isinstance(holder, dict) else None
    return [name] if isinstance(name, str) and name.strip() else []
