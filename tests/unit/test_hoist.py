"""Inline schemas get readable names from where they sit, independent of order, and stable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.hoist import hoist
from generator.load import load_spec
from generator.normalize import normalize

OBJ = {"type": "object", "properties": {"a": {"type": "string"}}}


def _doc(paths: dict[str, Any], schemas: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"openapi": "3.1.0", "paths": paths, "components": {"schemas": schemas or {}}}


def _post(operation_id: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "post": {
            "operationId": operation_id,
            "responses": {"200": {"description": "ok"}},
            "requestBody": {"content": {"application/json": {"schema": schema}}},
        }
    }


def test_bodies_and_properties_are_named_by_position() -> None:
    body = {
        "type": "object",
        "properties": {
            "voiceOptions": OBJ,
            "tags": {
                "type": "array",
                "items": {"type": "object", "properties": {"b": {"type": "integer"}}},
            },
        },
    }
    names = set(hoist(_doc({"/p": _post("createPersona", body)})).schemas)
    assert names == {"CreatePersonaRequest", "VoiceOptions", "PersonaTag"}


def test_short_names_go_only_to_schemas_nobody_else_wants() -> None:
    other = {"type": "object", "properties": {"z": {"type": "boolean"}}}
    paths = {
        "/a": _post("makeA", {"type": "object", "properties": {"meta": OBJ}}),
        "/b": _post("makeB", {"type": "object", "properties": {"meta": other}}),
    }
    names = set(hoist(_doc(paths)).schemas)
    assert names == {"MakeARequest", "MakeBRequest", "MakeAMeta", "MakeBMeta"}
    reversed_paths = dict(reversed(list(paths.items())))
    assert set(hoist(_doc(reversed_paths)).schemas) == names


def test_a_name_that_says_its_role_already_does_not_say_it_twice() -> None:
    reply = {"description": "ok", "content": {"application/json": {"schema": OBJ}}}
    document = _doc({"/p": _post("cancelResponderRequest", OBJ)})
    document["components"] |= {
        "requestBodies": {"QueryPostRequest": {"content": {"application/json": {"schema": OBJ}}}},
        "responses": {"SchemaGetResponse": reply, "Gone": reply},
    }
    names = set(hoist(document).schemas)
    assert {"CancelResponderRequest", "QueryPostRequest", "SchemaGetResponse"} <= names
    assert "GoneResponse" in names
    assert not [name for name in names if "RequestRequest" in name or "ResponseResponse" in name]


def test_same_shape_with_different_docs_shares_one_class() -> None:
    documented = {**OBJ, "description": "first wording"}
    paths = {
        "/a": _post("makeA", {"type": "object", "properties": {"opts": OBJ}}),
        "/b": _post("makeB", {"type": "object", "properties": {"opts": documented}}),
    }
    hoisted = hoist(_doc(paths))
    assert "Opts" in hoisted.schemas and "Opts2" not in hoisted.schemas


def test_union_branches_are_named_without_numbers() -> None:
    body = {
        "type": "object",
        "properties": {
            "personaConfig": {
                "oneOf": [
                    {
                        "type": "object",
                        "properties": {"name": {"type": "string"}, "avatarId": {"type": "string"}},
                    },
                    {"type": "object", "properties": {"personaId": {"type": "string"}}},
                    {
                        "title": "Legacy Config",
                        "type": "object",
                        "properties": {"brain": {"type": "string"}},
                    },
                ]
            }
        },
    }
    names = set(hoist(_doc({"/s": _post("createSession", body)})).schemas)
    assert {"PersonaConfig", "PersonaConfigWithPersonaId", "LegacyConfig"} <= names


def test_a_union_inside_a_union_branch_names_its_members_after_both() -> None:
    """Each channel of a message builds on the same components: `MMSImage`, `WhatsAppImage`,
    not `ImageWithImage2`; a leading member that only lists required keys is not the base."""

    def built_on(name: str, channel: str) -> dict[str, Any]:
        return {
            "allOf": [
                {"$ref": f"#/components/schemas/{name}"},
                {"properties": {name.lower(): {"description": "Only on this channel."}}},
                {"properties": {"channel": {"type": "string", "enum": [channel]}}},
            ]
        }

    template = {
        "allOf": [
            {"required": ["template"]},
            {"$ref": "#/components/schemas/Template"},
            {"properties": {"channel": {"type": "string", "enum": ["whatsapp"]}}},
        ]
    }
    body = {
        "oneOf": [
            {"title": "MMS", "oneOf": [built_on("Image", "mms"), built_on("Video", "mms")]},
            {"title": "WhatsApp", "oneOf": [built_on("Image", "whatsapp"), template]},
        ]
    }
    components = {
        name: {"type": "object", "properties": {name.lower(): {"type": "string"}}}
        for name in ("Image", "Video", "Template")
    }
    names = set(hoist(_doc({"/messages": _post("sendMessage", body)}, components)).schemas)
    assert {"MMSImage", "MMSVideo", "WhatsAppImage", "WhatsAppTemplate"} <= names


def test_component_names_are_kept_and_refs_point_at_them() -> None:
    schemas = {"Voice": OBJ}
    body = {"type": "object", "properties": {"voice": {"$ref": "#/components/schemas/Voice"}}}
    hoisted = hoist(_doc({"/v": _post("setVoice", body)}, schemas))
    assert hoisted.schemas["SetVoiceRequest"]["properties"]["voice"] == {
        "$ref": "#/components/schemas/Voice"
    }


def test_inline_name_clashing_with_a_component_is_qualified() -> None:
    body = {
        "type": "object",
        "properties": {"voice": OBJ | {"properties": {"x": {"type": "number"}}}},
    }
    hoisted = hoist(_doc({"/v": _post("setVoice", body)}, {"Voice": OBJ}))
    assert {"Voice", "SetVoiceRequestVoice"} <= set(hoisted.schemas)


def test_array_body_items_clashing_with_a_component_are_qualified_by_the_operation() -> None:
    items = OBJ | {"properties": {"key": {"type": "string"}}}
    body = {"type": "array", "items": items}
    hoisted = hoist(_doc({"/env": _post("createEnvVars", body)}, {"EnvVar": OBJ}))
    assert set(hoisted.schemas) == {"EnvVar", "CreateEnvVarsRequestEnvVar"}


def test_nullable_inline_object_keeps_null_at_the_use_site() -> None:
    body = {"type": "object", "properties": {"opts": {**OBJ, "type": ["object", "null"]}}}
    hoisted = hoist(_doc({"/v": _post("setVoice", body)}))
    assert hoisted.schemas["SetVoiceRequest"]["properties"]["opts"] == {
        "anyOf": [{"$ref": "#/components/schemas/VoiceOpts"}, {"type": "null"}]
    }
    assert hoisted.schemas["VoiceOpts"]["type"] == "object"


def test_locked_names_win() -> None:
    pointer = "/paths/~1v/post/requestBody/content/application~1json/schema/properties/opts"
    body = {"type": "object", "properties": {"opts": OBJ}}
    hoisted = hoist(_doc({"/v": _post("setVoice", body)}), locked={pointer: "VoiceSettings"})
    assert "VoiceSettings" in hoisted.schemas and "Opts" not in hoisted.schemas


def test_codegen_view_drops_examples_unknown_formats_and_closed_objects() -> None:
    schema = {
        "type": "object",
        "additionalProperties": False,
        "example": {"a": "x"},
        "properties": {
            "a": {"type": "string", "format": "openai", "x-internal": True},
            "b": {"type": "string", "format": "date-time"},
            "apiKey": {"type": "string"},
        },
    }
    hoisted = hoist(_doc({}, {"S": schema}))
    assert hoisted.schemas["S"] == {
        "type": "object",
        "properties": {
            "a": {"type": "string"},
            "b": {"type": "string", "format": "date-time"},
            "apiKey": {"type": "string", "x-sdk-secret": True},
        },
    }


def test_a_secret_name_masks_text_not_an_object_it_refers_to() -> None:
    """Together's stream chunk has `token: {$ref: CompletionToken}` (the model's token: id, text,
    logprob): an object is no credential and stays readable; a `$ref` to text is still masked."""
    ref = "#/components/schemas/"
    token = {"type": "object", "properties": {"text": {"type": "string"}}}
    chunk = {
        "type": "object",
        "properties": {"token": {"$ref": ref + "Token"}, "apiKey": {"$ref": ref + "Key"}},
    }
    hoisted = hoist(_doc({}, {"Chunk": chunk, "Token": token, "Key": {"type": "string"}}))
    properties = hoisted.schemas["Chunk"]["properties"]
    assert "x-sdk-secret" not in properties["token"]
    assert properties["apiKey"]["x-sdk-secret"] is True


def test_newer_capture_has_no_numbered_names(upstream: Path) -> None:
    document, _ = normalize(load_spec(upstream / "swagger.newer.json"))
    names = hoist(document).schemas
    assert not [name for name in names if name[-1].isdigit() and not name.endswith("V1")]
    assert {"PersonaConfig", "PersonaConfigWithPersonaId", "ClientToolConfig", "Persona"} <= set(
        names
    )


def _get(operation_id: str, schema: dict[str, Any]) -> dict[str, Any]:
    response = {"description": "ok", "content": {"application/json": {"schema": schema}}}
    return {"get": {"operationId": operation_id, "responses": {"200": response}}}


def _refs(node: Any) -> set[str]:
    if isinstance(node, list):
        return {ref for item in node for ref in _refs(item)}
    if not isinstance(node, dict):
        return set()
    own = {node["$ref"]} if isinstance(node.get("$ref"), str) else set()
    return own | {ref for value in node.values() for ref in _refs(value)}


def test_refs_into_the_middle_of_schemas_become_classes_or_copies() -> None:
    tag = {"allOf": [OBJ, {"type": "object", "properties": {"b": {"type": "string"}}}]}
    page = {
        "type": "object",
        "properties": {"total": {"type": "integer", "minimum": 0}},
        "$defs": {"Label": {"type": "string"}},
    }
    body = {
        "type": "object",
        "properties": {
            "first": {"$ref": "#/components/schemas/Tag/allOf/0"},
            "total": {"$ref": "#/components/schemas/Page/properties/total"},
            "label": {"$ref": "#/components/schemas/Page/$defs/Label"},
            "loop": {"$ref": "#/components/schemas/Loop/properties/next"},
        },
    }
    loop = {
        "type": "object",
        "properties": {"next": {"$ref": "#/components/schemas/Loop/properties/next"}},
    }
    hoisted = hoist(_doc({"/p": _post("makeP", body)}, {"Tag": tag, "Page": page, "Loop": loop}))
    properties = hoisted.schemas["MakePRequest"]["properties"]
    first = properties["first"]["$ref"].rsplit("/", 1)[1]
    assert hoisted.schemas[first] == OBJ
    assert properties["total"] == {"type": "integer"}
    assert properties["label"] == {"type": "string"}
    assert properties["loop"] == {}
    names = set(hoisted.schemas)
    assert all(ref.rsplit("/", 1)[1] in names for ref in _refs(hoisted.schemas))


def test_a_ref_with_assertions_beside_it_is_a_subclass_and_nested_all_of_is_flat() -> None:
    schemas = {
        "A": OBJ,
        "C": {"$ref": "#/components/schemas/A", "required": ["a"], "description": "d"},
        "B": {
            "allOf": [
                {"allOf": [{"$ref": "#/components/schemas/A"}, {"properties": {"y": {}}}]},
                {"properties": {"z": {}}},
            ]
        },
    }
    hoisted = hoist(_doc({}, schemas))
    assert hoisted.schemas["C"] == {
        "description": "d",
        "allOf": [{"$ref": "#/components/schemas/A"}, {"required": ["a"]}],
    }
    assert hoisted.schemas["B"]["allOf"] == [
        {"$ref": "#/components/schemas/A"},
        {"properties": {"y": {}}},
        {"properties": {"z": {}}},
    ]


def test_a_type_beside_a_ref_restates_the_target_and_a_null_in_it_makes_it_nullable() -> None:
    """`{$ref: Kind, type: string}` is the enum, not an `allOf` with a bare string (which made an
    empty class); `nullable: true` beside it makes the reference nullable."""
    kind = {"$ref": "#/components/schemas/Kind"}
    thing = {
        "type": "object",
        "properties": {
            "kind": {**kind, "type": "string"},
            "maybe": {**kind, "type": "string", "nullable": True, "description": "d"},
        },
    }
    document = _doc({}, {"Kind": {"type": "string", "enum": ["a", "b"]}, "Thing": thing})
    properties = hoist(normalize(document)[0]).schemas["Thing"]["properties"]
    assert properties == {
        "kind": kind,
        "maybe": {"description": "d", "anyOf": [kind, {"type": "null"}]},
    }


def test_keywords_no_python_type_can_hold_are_dropped_where_they_would_need_a_name() -> None:
    schema = {
        "type": "object",
        "properties": {
            "status": {"type": "string", "properties": {"a": {"description": "x"}}},
            "tags": {"type": "array", "items": {"type": "string", "maxLength": 5}},
            "limits": {
                "type": "object",
                "propertyNames": {"maxLength": 64},
                "patternProperties": {"^x-": {"type": "integer", "minimum": 0}},
            },
            "name": {"type": "string", "maxLength": 9},
        },
    }
    properties = hoist(_doc({}, {"S": schema})).schemas["S"]["properties"]
    assert properties == {
        "status": {"type": "string"},
        "tags": {"type": "array", "items": {"type": "string"}},
        "limits": {"type": "object", "additionalProperties": {"type": "integer"}},
        "name": {"type": "string", "maxLength": 9},
    }


def test_a_union_beside_an_all_of_or_properties_becomes_a_union_of_named_classes() -> None:
    schemas = {
        "GroupInvite": {"type": "object", "properties": {"group": {"type": "string"}}},
        "GuildInvite": {"type": "object", "properties": {"guild": {"type": "string"}}},
    }
    body = {
        "allOf": [
            {
                "anyOf": [
                    {"$ref": "#/components/schemas/GroupInvite"},
                    {"$ref": "#/components/schemas/GuildInvite"},
                ],
                "x-vendor": "oneOf",
            },
            {"type": "object", "properties": {"file": {"type": "string"}}},
        ]
    }
    hoisted = hoist(_doc({"/i": _post("createInvite", body)}, schemas))
    assert {"GroupInviteWithFile", "GuildInviteWithFile"} <= set(hoisted.schemas)
    root = hoisted.roots["/paths/~1i/post/requestBody/content/application~1json/schema"]
    assert root == {
        "anyOf": [
            {"$ref": "#/components/schemas/GroupInviteWithFile"},
            {"$ref": "#/components/schemas/GuildInviteWithFile"},
        ]
    }


def test_webhook_and_callback_payloads_are_models() -> None:
    payload = {"type": "object", "properties": {"id": {"type": "string"}}}
    event = {"post": {"requestBody": {"content": {"application/json": {"schema": payload}}}}}
    document = _doc({"/subscribe": _post("subscribe", OBJ)})
    document["paths"]["/subscribe"]["post"]["callbacks"] = {
        "onData": {"{$request.body#/url}": event}
    }
    document["webhooks"] = {"newPet": event}
    hoisted = hoist(document)
    assert {"NewPetRequest", "OnDataRequest"} <= set(hoisted.schemas)


def test_single_word_names_carry_their_context_and_shared_classes_stay_bare() -> None:
    config = {"type": "object", "properties": {"fps": {"type": "integer"}}}
    calls = {"type": "object", "properties": {"total": {"type": "integer"}}}
    analytics = {"type": "object", "properties": {"config": config, "toolCalls": calls}}
    aggregate = {"type": "object", "properties": {"toolCalls": calls}}
    paths = {
        "/sessions/{id}/analytics": _get("getSessionAnalytics", analytics),
        "/analytics": _get("getAggregatedAnalytics", aggregate),
    }
    names = set(hoist(_doc(paths)).schemas)
    assert {"SessionAnalyticsConfig", "ToolCalls"} <= names
    assert "Config" not in names


def test_an_operation_class_named_like_a_component_takes_a_qualifier_not_a_number() -> None:
    schemas = {"CreateOrderRequest": {"type": "object", "properties": {"total": {}}}}
    hoisted = hoist(_doc({"/orders": _post("createOrder", OBJ)}, schemas))
    assert set(hoisted.schemas) == {"CreateOrderRequest", "CreateOrderRequestBody"}


def test_a_discriminated_union_in_a_list_is_an_alias_of_ours() -> None:
    schemas = {
        "Track": {"type": "object", "properties": {"type": {"const": "track"}}},
        "Episode": {"type": "object", "properties": {"type": {"const": "episode"}}},
    }
    union = {
        "oneOf": [{"$ref": "#/components/schemas/Track"}, {"$ref": "#/components/schemas/Episode"}],
        "discriminator": {"propertyName": "type"},
    }
    queue = {"type": "object", "properties": {"queue": {"type": "array", "items": union}}}
    schemas["Queue"] = queue
    hoisted = hoist(_doc({}, schemas))
    item = hoisted.schemas["Queue"]["properties"]["queue"]["items"]["$ref"].rsplit("/", 1)[1]
    assert hoisted.schemas[item]["discriminator"]["propertyName"] == "type"


def test_a_subclass_redeclaring_a_property_stays_a_subtype_of_what_it_extends() -> None:
    event = {
        "type": "object",
        "required": ["source"],
        "properties": {
            "type": {"type": "string", "enum": ["created"]},
            "source": {"type": "object", "properties": {"id": {"type": "string"}}},
            "at": {"type": "string"},
        },
    }
    audit = {
        "allOf": [
            {"$ref": "#/components/schemas/Event"},
            {
                "type": "object",
                "properties": {
                    "type": {"const": "audited"},
                    "source": {"type": "object", "properties": {"user": {"type": "string"}}},
                },
            },
        ]
    }
    schemas = hoist(_doc({}, {"Event": event, "AuditEvent": audit})).schemas
    assert schemas["Event"]["properties"]["type"] == {
        "type": "string",
        "enum": ["created", "audited"],
    }
    assert schemas["AuditEvent"]["allOf"][0] == {
        "type": "object",
        "required": ["source"],
        "properties": {
            "type": {"type": "string", "enum": ["created", "audited"]},
            "at": {"type": "string"},
        },
    }


def test_a_redeclaration_that_only_annotates_keeps_the_inherited_type_and_parent() -> None:
    """`text: {description}` over `text: {type: string}`: under `allOf` a value meets both, so
    the subclass still extends its parent and `text` is still a string."""
    text = {
        "type": "object",
        "required": ["text"],
        "properties": {"text": {"type": "string"}, "kind": {"type": "string"}},
    }
    sms = {
        "allOf": [
            {"$ref": "#/components/schemas/Text"},
            {"properties": {"text": {"description": "At most 1000 characters.", "maxLength": 9}}},
        ]
    }
    schemas = hoist(_doc({}, {"Text": text, "Sms": sms})).schemas
    assert schemas["Sms"]["allOf"][0] == {"$ref": "#/components/schemas/Text"}
    assert schemas["Sms"]["allOf"][1]["properties"]["text"] == {
        "type": "string",
        "description": "At most 1000 characters.",
        "maxLength": 9,
    }


def test_a_parent_left_for_a_redeclaration_keeps_requiring_it() -> None:
    """A subclass that stops extending its parent (it declares `audio` as another class) still
    must send the `audio` the parent requires: `allOf` requires it whoever declares it."""
    audio = {
        "type": "object",
        "required": ["audio"],
        "properties": {"audio": {"type": "object", "properties": {"url": {"type": "string"}}}},
    }
    captioned = {
        "allOf": [
            {"$ref": "#/components/schemas/Audio"},
            {"properties": {"audio": {"type": "object", "properties": {"caption": {}}}}},
        ]
    }
    schemas = hoist(_doc({}, {"Audio": audio, "Captioned": captioned})).schemas
    assert {"$ref": "#/components/schemas/Audio"} not in schemas["Captioned"]["allOf"]
    assert schemas["Captioned"]["allOf"][0]["required"] == ["audio"]


def test_a_class_redeclares_required_what_one_parent_requires_and_another_declares() -> None:
    """`allOf: [Text, Sms]`: `Text` requires the `to` that `Sms` declares optional; the model
    inherits `to` from `Sms`, so it says `to` again, required. What the class requires itself,
    or a parent both declares and requires, is left as it was."""
    text = {
        "type": "object",
        "required": ["to", "text"],
        "properties": {"text": {"type": "string"}},
    }
    sms = {"type": "object", "properties": {"to": {"type": "string"}, "ref": {"type": "string"}}}
    message = {
        "allOf": [
            {"$ref": "#/components/schemas/Text"},
            {"$ref": "#/components/schemas/Sms"},
            {"required": ["ref"]},
        ]
    }
    schemas = hoist(_doc({}, {"Text": text, "Sms": sms, "SmsMessage": message})).schemas
    assert schemas["SmsMessage"]["allOf"][3:] == [
        {"properties": {"to": {"type": "string"}}, "required": ["to"]}
    ]


def _chain(puppy_tag: str) -> dict[str, Any]:
    """`Puppy` extends `Dog`, both members of one union tagged on `kind` (Puppy by `puppy_tag`)."""
    schemas: dict[str, Any] = {
        "Animal": {
            "oneOf": [{"$ref": f"#/components/schemas/{name}"} for name in ("Dog", "Puppy")],
            "discriminator": {"propertyName": "kind"},
        },
        "Dog": {
            "type": "object",
            "required": ["kind"],
            "properties": {"kind": {"type": "string"}, "bark": {"type": "boolean"}},
        },
        "Puppy": {
            "allOf": [
                {"$ref": "#/components/schemas/Dog"},
                {"type": "object", "properties": {"weeks": {"type": "integer"}}},
            ]
        },
    }
    if puppy_tag == "dog":  # two unions, one tag: `Dog` in one, `Puppy` in the other
        schemas["Animal"]["oneOf"].pop()
        schemas["Animal"]["discriminator"]["mapping"] = {"dog": "#/components/schemas/Dog"}
        schemas["Young"] = {
            "oneOf": [{"$ref": "#/components/schemas/Puppy"}],
            "discriminator": {
                "propertyName": "kind",
                "mapping": {"dog": "#/components/schemas/Puppy"},
            },
        }
    document = {"openapi": "3.1.0", "paths": {}, "components": {"schemas": schemas}}
    return hoist(normalize(document)[0]).schemas["Puppy"]


def test_a_member_tagged_apart_from_the_member_it_extends_is_not_its_subclass() -> None:
    puppy = _chain("puppy")
    assert all("$ref" not in member for member in puppy["allOf"])
    declared = {name for member in puppy["allOf"] for name in member.get("properties", {})}
    assert declared == {"kind", "bark", "weeks"}


def test_a_member_with_the_same_tag_as_the_member_it_extends_stays_its_subclass() -> None:
    puppy = _chain("dog")
    assert {"$ref": "#/components/schemas/Dog"} in puppy["allOf"]


def test_union_branches_told_apart_by_a_tag_are_named_by_it() -> None:
    """Text Generation Inference's `GrammarType`: inline branches pinning `type` to `json` and
    `regex` share every property, so only the tag names them apart."""

    def tagged(tag: str, value: dict[str, Any]) -> dict[str, Any]:
        kind = {"type": "string", "enum": [tag]}
        return {"type": "object", "properties": {"type": kind, "value": value}}

    grammar = {"oneOf": [tagged("json", {}), tagged("regex", {"type": "string"})]}
    same_tag = {"oneOf": [tagged("a", {}), {**tagged("a", {}), "required": ["value"]}]}
    names = set(hoist(_doc({}, {"GrammarType": grammar, "Same": same_tag})).schemas)
    assert {"GrammarTypeJson", "GrammarTypeRegex"} <= names
    assert not any(name.startswith("SameA") for name in names)  # one value for both: no tag


def test_the_items_of_a_components_list_are_named_after_what_it_is_about() -> None:
    image = {"type": "object", "properties": {"url": {"type": "string"}}}
    result = {"type": "object", "properties": {"flagged": {"type": "boolean"}}}
    schemas = {
        "ImagesResponse": {"type": "object", "properties": {"data": {"items": image}}},
        "CreateModerationResponse": {"properties": {"results": {"items": result}}},
    }
    names = set(hoist(_doc({}, schemas)).schemas)
    assert names == {"ImagesResponse", "Image", "CreateModerationResponse", "Moderation"}


def test_the_items_of_a_list_class_are_named_for_what_it_lists() -> None:
    """Supabase's `SnippetList.data` and `ListActionRunResponse` (itself an array) hold
    snippets and action runs, not `SnippetListSnippetList`s or `ActionRunListActionRunResponse`s."""
    snippet = {"type": "object", "properties": {"name": {"type": "string"}}}
    run = {"type": "object", "properties": {"workdir": {"type": "string"}}}
    schemas = {
        "SnippetList": {"type": "object", "properties": {"data": {"items": snippet}}},
        "ListActionRunResponse": {"type": "array", "items": run},
    }
    names = set(hoist(_doc({}, schemas)).schemas)
    assert names == {"SnippetList", "Snippet", "ListActionRunResponse", "ActionRun"}


def test_an_article_after_the_verb_names_no_class_inside_the_operation() -> None:
    """Sentry's ids are sentences ("Update an Organization"): what sits in the reply is the
    organization's (`OrganizationTeam`), and the items of a list its rules, not named
    `AnOrganization...`."""
    team = {"type": "object", "properties": {"slug": {"type": "string"}}}
    detail = {"type": "object", "properties": {"teams": {"type": "array", "items": team}}}
    rule = {"type": "object", "properties": {"aggregate": {"type": "string"}}}
    paths = {
        "/orgs/{org}/": _get("Update an Organization", detail),
        "/orgs/{org}/alert-rules/": _get(
            "List an Organization's Metric Alert Rules", {"type": "array", "items": rule}
        ),
    }
    names = set(hoist(_doc(paths)).schemas)
    assert {"OrganizationTeam", "OrganizationMetricAlertRule"} <= names
    assert not [name for name in names if name.startswith("An")]
