"""The real evolution of Anam's API (older capture -> newer capture), change by change.

Every breaking change is listed, with its operation and message; non-breaking and documentation
changes are counted per rule, and the ones the release notes must mention are listed too. Both
captures say `info.version: "1.0"`, so the version bump can only come from this diff.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from generator.diff import DiffReport, bump_for, diff_files, render, run_diff
from generator.version import bump

WIRE_BREAKING = {
    # required request bodies where the older spec had none
    ("request-body-added-required", "POST /v1/personas", "a required request body was added"),
    ("request-body-added-required", "POST /v1/tools", "a required request body was added"),
    ("request-body-added-required", "PUT /v1/tools/{id}", "a required request body was added"),
    # brainType gave way to llmId (llmId is an optional addition, listed below)
    ("request-property-removed", "POST /v1/auth/session-token",
     "request body property `personaConfig.brainType` was removed"),
    ("request-property-removed", "PUT /v1/personas/{id}",
     "request body property `brainType` was removed"),
    # gender went upper case: values removed from a request, added to responses
    ("request-property-enum-value-removed", "PUT /v1/voices/{id}",
     'request body property `gender` lost enum values "female", "male", "neutral"'),
    ("response-property-enum-value-added", "GET /v1/voices",
     'response 200 property `data[].gender` gained enum values "FEMALE", "MALE", "NEUTRAL"'),
    ("response-property-enum-value-added", "GET /v1/voices/{id}",
     'response 200 property `gender` gained enum values "FEMALE", "MALE", "NEUTRAL"'),
    # nullability, both directions
    ("request-property-became-not-nullable", "PUT /v1/personas/{id}",
     "request body property `description` is no longer nullable"),
    ("request-property-became-not-nullable", "PUT /v1/personas/{id}",
     "request body property `systemPrompt` is no longer nullable"),
    ("response-property-became-nullable", "GET /v1/voices",
     "response 200 property `data[].providerVoiceId` became nullable"),
    ("response-property-became-nullable", "GET /v1/voices/{id}",
     "response 200 property `providerVoiceId` became nullable"),
    # a format narrows what a request may send
    ("request-parameter-format-added", "GET /v1/tools/{id}",
     "path parameter `id` format changed from none to uuid"),
    ("request-parameter-format-added", "PUT /v1/tools/{id}",
     "path parameter `id` format changed from none to uuid"),
    ("request-parameter-format-added", "DELETE /v1/tools/{id}",
     "path parameter `id` format changed from none to uuid"),
}  # fmt: skip

SDK_BREAKING = {
    # operationId rename and tags moving operations between resources
    ("sdk-method-renamed", "POST /v1/knowledge/groups/{id}/documents",
     "client.knowledge.upload_document() is now client.knowledge.upload_group_document()"),
    ("sdk-method-moved", "POST /v1/auth/session-token",
     "client.auth.create_session_token() is now client.sessions.create_token()"),
    ("sdk-resource-removed", None, "client.auth was removed"),
    # keyword arguments
    ("sdk-argument-added-required", "POST /v1/tools",
     "client.tools.create() takes a new required argument description"),
    ("sdk-argument-added-required", "POST /v1/tools",
     "client.tools.create() takes a new required argument name"),
    ("sdk-argument-added-required", "POST /v1/tools",
     "client.tools.create() takes a new required argument type"),
    ("sdk-argument-removed", "PUT /v1/personas/{id}",
     "client.personas.update() lost the argument brain_type"),
    ("sdk-argument-type-changed", "PUT /v1/personas/{id}",
     "client.personas.update() argument description annotation changed from str | None to str"),
    ("sdk-argument-type-changed", "PUT /v1/personas/{id}",
     "client.personas.update() argument system_prompt annotation changed from str | None to str"),
    ("sdk-argument-type-changed", "PUT /v1/voices/{id}",
     "client.voices.update() argument gender annotation changed from "
     "Literal['male', 'female', 'neutral'] | None to Literal['MALE', 'FEMALE', 'NEUTRAL'] | None"),
    # model classes: the knowledge upload body follows the operationId, inline schemas became
    # components
    ("sdk-model-renamed", None,
     "model UploadKnowledgeDocumentRequest is now UploadKnowledgeGroupDocumentRequest"),
    ("sdk-model-renamed", None, "model SessionReplay is now SessionOptionsSessionReplay"),
    ("sdk-model-renamed", None, "model Meta is now Pagination"),
    # the older inline URL items were named `LlmUrl` from their context; the newer spec has a
    # component of that name, so the inline items take their request's name
    ("sdk-field-type-changed", None,
     "CreateLlmRequest.urls type changed from List[LlmUrl] to List[CreateLlmRequestUrl]"),
    ("sdk-argument-type-changed", "POST /v1/llms",
     "client.llms.create() argument urls annotation changed from "
     "Sequence[LlmUrl | LlmUrlParam] to Sequence[CreateLlmRequestUrl | CreateLlmRequestUrlParam]"),
    ("sdk-model-renamed", None, "model GetVoiceResponse is now Voice"),
    # fields: formats turn str into datetime/UUID, enums and nullability move
    ("sdk-field-type-changed", None, "Avatar.created_at type changed from str to datetime"),
    ("sdk-field-type-changed", None, "Avatar.updated_at type changed from str to datetime"),
    ("sdk-field-type-changed", None, "Avatar.id type changed from str to UUID"),
    ("sdk-field-type-changed", None, "Voice.created_at type changed from str to datetime"),
    ("sdk-field-type-changed", None, "Voice.updated_at type changed from str to datetime"),
    ("sdk-field-type-changed", None, "Voice.id type changed from str to UUID"),
    ("sdk-field-type-changed", None, "Voice.provider_voice_id type changed from str to str | None"),
    ("sdk-field-type-changed", None,
     "Voice.gender type changed from Literal['male', 'female', 'neutral'] | None to "
     "Literal['MALE', 'FEMALE', 'NEUTRAL'] | None"),
    ("sdk-field-type-changed", None,
     "UpdateVoiceRequest.gender type changed from Literal['male', 'female', 'neutral'] | None "
     "to Literal['MALE', 'FEMALE', 'NEUTRAL'] | None"),
    ("sdk-field-type-changed", None,
     "UpdatePersonaRequest.description type changed from str | None to str"),
    ("sdk-field-type-changed", None,
     "UpdatePersonaRequest.system_prompt type changed from str | None to str"),
    ("sdk-field-removed", None, "PersonaConfig.brain_type was removed"),
    ("sdk-field-removed", None, "UpdatePersonaRequest.brain_type was removed"),
}  # fmt: skip

# Responses that had no schema now have one: the method returns a model instead of a dict.
RETURNS = {
    "DELETE /v1/avatars/{id}": ("avatars.delete", "DeleteAvatarResponse"),
    "DELETE /v1/personas/{id}": ("personas.delete", "DeletePersonaResponse"),
    "DELETE /v1/share-links/{id}": ("share_links.delete", "DeleteShareLinkResponse"),
    "DELETE /v1/voices/{id}": ("voices.delete", "DeleteVoiceResponse"),
    "GET /v1/avatars/{id}": ("avatars.get", "Avatar"),
    "GET /v1/knowledge/documents/{id}": ("knowledge.get_document", "KnowledgeDocument"),
    "GET /v1/knowledge/groups": ("knowledge.list_groups", "List[KnowledgeGroup]"),
    "GET /v1/knowledge/groups/{id}": ("knowledge.get_group", "KnowledgeGroup"),
    "GET /v1/knowledge/groups/{id}/documents": (
        "knowledge.list_group_documents", "List[KnowledgeDocument]"),
    "GET /v1/llms": ("llms.list", "Page[LLM]"),
    "GET /v1/llms/{id}": ("llms.get", "LLM"),
    "GET /v1/personas": ("personas.list", "Page[PersonaSummary]"),
    "GET /v1/personas/{id}": ("personas.get", "Persona"),
    "GET /v1/sessions": ("sessions.list", "Page[Session]"),
    "GET /v1/sessions/{id}": ("sessions.get", "GetSessionResponse"),
    "GET /v1/share-links": ("share_links.list", "Page[PersonaShareLink]"),
    "GET /v1/share-links/{id}": ("share_links.get", "PersonaShareLink"),
    "GET /v1/tools": ("tools.list", "Page[Tool]"),
    "GET /v1/tools/{id}": ("tools.get", "Tool"),
    "POST /v1/auth/session-token": ("sessions.create_token", "SessionToken"),
    "POST /v1/avatars": ("avatars.create", "Avatar"),
    "POST /v1/knowledge/groups": ("knowledge.create_group", "KnowledgeGroup"),
    "POST /v1/knowledge/groups/{id}/documents": (
        "knowledge.upload_group_document", "KnowledgeDocument"),
    "POST /v1/knowledge/groups/{id}/search": (
        "knowledge.search_group", "List[KnowledgeSearchResult]"),
    "POST /v1/llms": ("llms.create", "LLM"),
    "POST /v1/personas": ("personas.create", "Persona"),
    "POST /v1/share-links": ("share_links.create", "ShareLink"),
    "POST /v1/tools": ("tools.create", "Tool"),
    "POST /v1/voices": ("voices.create", "Voice"),
    "PUT /v1/avatars/{id}": ("avatars.update", "Avatar"),
    "PUT /v1/knowledge/documents/{id}": ("knowledge.update_document", "KnowledgeDocument"),
    "PUT /v1/knowledge/groups/{id}": ("knowledge.update_group", "KnowledgeGroup"),
    "PUT /v1/llms/{id}": ("llms.update", "LLM"),
    "PUT /v1/personas/{id}": ("personas.update", "Persona"),
    "PUT /v1/share-links/{id}": ("share_links.update", "ShareLink"),
    "PUT /v1/tools/{id}": ("tools.update", "Tool"),
    "PUT /v1/voices/{id}": ("voices.update", "Voice"),
}  # fmt: skip

ADDED_OPERATIONS = {
    "GET /v1/meetings/invites": "meetings.list_invites",
    "POST /v1/meetings/invites": "meetings.create_invite",
    "GET /v1/meetings/invites/{id}": "meetings.get_invite",
    "DELETE /v1/meetings/invites/{id}": "meetings.cancel_invite",
    "POST /v1/voices/presigned-upload": "voices.create_presigned_upload",
    "GET /v1/sessions/concurrency": "sessions.get_concurrency",
    "GET /v1/sessions/analytics": "sessions.get_aggregated_session_analytics",
    "GET /v1/sessions/{id}/transcript": "sessions.get_transcript",
    "POST /v1/sessions/{id}/stop": "sessions.stop",
    "GET /v1/sessions/{id}/recording": "sessions.get_recording",
    "GET /v1/sessions/{id}/analytics": "sessions.get_analytics",
    "GET /v1/knowledge/documents/{id}/download": "knowledge.get_document_download",
    "POST /v1/engine/session": "engine.create_session",
}

NOT_BREAKING = {
    "api-added": 13,
    "api-description-changed": 12,
    "api-operation-id-changed": 1,
    "api-summary-changed": 44,
    "api-tag-added": 44,
    "request-body-description-changed": 15,
    "request-body-media-type-added": 2,
    "request-parameter-added-optional": 4,
    "request-parameter-description-changed": 11,
    "request-property-added-optional": 30,
    "request-property-description-changed": 8,
    "request-property-enum-value-added": 3,
    "response-body-description-changed": 1,
    "response-description-changed": 11,
    "response-media-type-added": 37,
    "response-non-success-status-added": 39,
    "response-property-added": 17,
    "response-property-became-enum": 2,
    "response-property-description-changed": 45,
    "response-property-enum-value-removed": 2,
    "response-property-format-added": 12,
    "sdk-argument-added-optional": 41,
    "sdk-argument-type-widened": 2,
    "sdk-field-added": 45,
    "sdk-field-type-narrowed": 1,
    "sdk-field-type-widened": 2,
    "sdk-method-added": 15,
    "sdk-model-added": 79,
    "sdk-resource-added": 2,
}

# Formats added to request ids widen what the SDK accepts (a UUID object or its string).
WIDENED_ARGUMENTS = {
    ("POST /v1/llms", "client.llms.create() argument llm_format annotation changed from "
     "Literal['openai', 'azure_openai', 'gemini', 'advanced_voice', 'none'] to "
     "Literal['openai', 'azure_openai', 'groq_openai', 'gemini', 'advanced_voice', 'none']"),
    ("PUT /v1/llms/{id}", "client.llms.update() argument llm_format annotation changed from "
     "Literal['openai', 'azure_openai', 'anthropic', 'custom'] to "
     "Literal['openai', 'azure_openai', 'groq_openai', 'anthropic', 'custom']"),
}  # fmt: skip


@pytest.fixture(scope="module")
def captures(upstream: Path) -> tuple[Path, Path]:
    return upstream / "swagger.older.json", upstream / "swagger.newer.json"


@pytest.fixture(scope="module")
def report(captures: tuple[Path, Path]) -> DiffReport:
    return diff_files(*captures)


def _triples(report: DiffReport, severity: str, level: str) -> set[tuple[str, str | None, str]]:
    return {
        (c.rule, c.operation, c.message)
        for c in report.changes
        if c.severity == severity and c.level == level and c.rule != "sdk-return-type-changed"
    }


def test_wire_breaking_changes(report: DiffReport) -> None:
    assert _triples(report, "breaking", "wire") == WIRE_BREAKING


def test_sdk_breaking_changes(report: DiffReport) -> None:
    assert _triples(report, "breaking", "sdk") == SDK_BREAKING


def test_methods_that_now_return_models(report: DiffReport) -> None:
    expected = {
        (operation, f"client.{method}() returns {returns} instead of Any")
        for operation, (method, returns) in RETURNS.items()
    }
    returned = {(c.operation, c.message) for c in report.changes
                if c.rule == "sdk-return-type-changed"}  # fmt: skip
    assert returned == expected


def test_non_breaking_and_docs_changes_per_rule(report: DiffReport) -> None:
    counted = Counter(c.rule for c in report.changes if c.severity != "breaking")
    assert dict(counted) == NOT_BREAKING


def test_thirteen_operations_added_none_removed(report: DiffReport) -> None:
    """Two operations that took only multipart now take JSON too: each gains a method."""
    added = {c.operation for c in report.changes if c.rule == "api-added"}
    assert added == set(ADDED_OPERATIONS)
    methods = {(c.operation, c.message) for c in report.changes if c.rule == "sdk-method-added"}
    assert methods == {
        *((key, f"client.{name}() was added") for key, name in ADDED_OPERATIONS.items()),
        ("POST /v1/avatars", "client.avatars.create_json() was added"),
        ("POST /v1/voices", "client.voices.create_json() was added"),
    }
    assert not [c for c in report.changes if c.rule in ("api-removed", "sdk-method-removed")]


def test_llm_id_replaces_brain_type(report: DiffReport) -> None:
    added = {(c.operation, c.message) for c in report.changes
             if c.rule == "request-property-added-optional" and "llmId" in c.message}  # fmt: skip
    assert added == {
        ("POST /v1/auth/session-token",
         "request body property `personaConfig.llmId` was added (optional)"),
    }  # fmt: skip
    fields = {c.message for c in report.changes if c.rule == "sdk-field-added"}
    assert "PersonaConfig.llm_id was added" in fields


def test_enum_values_widen_arguments(report: DiffReport) -> None:
    widened = {(c.operation, c.message) for c in report.changes
               if c.rule == "sdk-argument-type-widened"}  # fmt: skip
    assert widened == WIDENED_ARGUMENTS


def test_a_path_id_gaining_a_format_changes_the_wire_not_the_sdk(report: DiffReport) -> None:
    """`/v1/tools/{id}` became `format: uuid`; its id argument took `str | UUID` all along."""
    tools = {(c.level, c.rule) for c in report.changes if c.operation == "GET /v1/tools/{id}"}
    assert ("wire", "request-parameter-format-added") in tools
    assert not [kind for kind in tools if kind[1].startswith("sdk-argument")]


def test_the_version_comes_from_the_diff(report: DiffReport) -> None:
    """`info.version` is "1.0" in both captures: nothing in `info` changed, yet this is major."""
    assert not [c for c in report.changes if c.rule == "info-changed"]
    assert report.summary.highest == "breaking"
    assert bump_for(report) == "major"
    assert bump("1.4.2", bump_for(report)) == "2.0.0"
    assert bump("0.1.0", bump_for(report)) == "0.2.0"


def test_run_diff_fails_on_breaking(captures: tuple[Path, Path]) -> None:
    output, code = run_diff(*captures, "text", "breaking")
    assert code == 1
    assert output.startswith("spec diff: 81 breaking, 348 non-breaking, 192 docs; ")
    assert run_diff(*captures, "text", None)[1] == 0
    assert run_diff(captures[0], captures[0], "text", "breaking") == (
        "spec diff: 0 breaking, 0 non-breaking, 0 docs; highest: none; bump: patch\nno changes\n",
        0,
    )


def test_every_format_renders_every_change(report: DiffReport) -> None:
    text, markdown, data = (render(report, fmt) for fmt in ("text", "markdown", "json"))
    assert len(text.splitlines()) == 1 + 3 * 2 + len(report.changes)
    assert markdown.count("\n| `") == len(report.changes)
    assert data.count('"rule": ') == len(report.changes)
