"""Small, pure rewrites of real-world spec quirks, applied in one explicit order.

Every later stage (naming, models, the diff, the contract validator) sees the normalized document,
so a quirk is handled once, here, and two spellings of the same contract compare equal: `nullable:
true` (OpenAPI 3.0 style, found even in 3.1 documents) and `type: [X, "null"]` are one thing after
this. Each pass rewrites the document in place and reports what it changed as problems (a
quirk read one way with a warning, a plain respelling as info), so a pass that reports nothing
left the document's schemas where they were, and the next pass does not walk them again (see
`shared_walk`; writing out what a spec already implies, such as a discriminator's full mapping,
moves no schema). A pass that finds what has no reading at all raises it as an error, once it has
found every instance. Callers hand over a freshly parsed document (copying a large spec costs
more than all the passes together).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import Problem
from . import (
    alias_parents,
    annotation_members,
    array_enum,
    authorization_keys,
    bare_media_types,
    binary_content,
    boolean_required,
    broken_pattern,
    colon_variables,
    credential_headers,
    discriminator,
    duplicate_operation_ids,
    empty_enum,
    empty_lists,
    exclusive_bounds,
    implicit_type,
    invalid_default,
    media_type_refs,
    nullable,
    numeric_text,
    object_default,
    object_examples,
    optional_keyword,
    pageable,
    path_parameters,
    polymorphic_base,
    required_keys,
    response_description,
    scalar_format,
    scheme_headers,
    security_quirks,
    self_union,
    shared_walk,
    single_branch,
    string_enum,
    structured_const,
    surrogates,
    tuple_items,
    undeclared_required,
    uuid_length,
    wrapper_type,
)

Pass = Callable[[dict[str, Any], str], list[Problem]]

PASSES: tuple[Pass, ...] = (
    empty_lists.apply,  # first: every later pass reads path items and operations as mappings
    media_type_refs.apply,  # next: every later pass reads the media types it joins in
    tuple_items.apply,  # before any pass that reads an array's `items`
    surrogates.apply,
    numeric_text.apply,
    response_description.apply,
    optional_keyword.apply,
    boolean_required.apply,
    exclusive_bounds.apply,
    implicit_type.apply,
    nullable.apply,  # first: a nullable union's `null` is a branch self_union must see
    self_union.apply,  # before any pass that validates against a union or follows its branches
    single_branch.apply,  # after self_union: merges a union it leaves with one branch
    wrapper_type.apply,
    annotation_members.apply,  # before alias_parents: leaves an `allOf` of parents only
    alias_parents.apply,  # before any pass that reads a class's `allOf` parents
    binary_content.apply,
    scalar_format.apply,  # after binary_content: `format: file` on an object is a file
    uuid_length.apply,
    bare_media_types.apply,
    structured_const.apply,  # before the passes that read an `enum`
    empty_enum.apply,
    array_enum.apply,  # after empty_enum: an empty enum is dropped, not moved
    string_enum.apply,  # before invalid_default: a default is checked against the text
    broken_pattern.apply,
    object_default.apply,  # before invalid_default: the default fits the object it shows
    object_examples.apply,  # before invalid_default: a default may fit the widened schema
    invalid_default.apply,
    undeclared_required.apply,
    polymorphic_base.apply,
    discriminator.apply,
    colon_variables.apply,
    path_parameters.apply,
    duplicate_operation_ids.apply,
    security_quirks.apply,
    credential_headers.apply,  # after security_quirks: only where no security is left
    scheme_headers.apply,  # after security_quirks: reads the `http` schemes it respells
    authorization_keys.apply,  # after scheme_headers: reads the schemes and requirements made
    required_keys.apply,  # after security_quirks: reads the requirements it cleans
    pageable.apply,
)


def normalize(document: dict[str, Any], file: str = "") -> tuple[dict[str, Any], list[Problem]]:
    """`document`, normalized in place, and what was changed."""
    problems: list[Problem] = []
    with shared_walk.shared(document) as changed:
        for apply in PASSES:
            found = apply(document, file)
            if found:
                changed()
            problems += found
    return document, problems
