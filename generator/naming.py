"""Wire names -> Python names: deterministic, valid, and the same from one spec version to the next.

Every function here is pure: the same input gives the same name whatever else is in the spec,
except `Namer.claim`, which resolves collisions in the order callers present names (callers sort).
"""

from __future__ import annotations

import builtins
import keyword
import re
import unicodedata
from functools import lru_cache

from .walk import HTTP_METHODS

_ACRONYM_PLURAL = re.compile(r"(?<![a-z])([A-Z]{2,})s(?![a-z])")
_LOWER_UPPER = re.compile(r"([a-z])([A-Z])")
_DIGIT_WORD = re.compile(r"([0-9])([A-Z][a-z])")
_UPPER_RUN = re.compile(r"([A-Z]+)([A-Z][a-z])")
_NON_ALNUM = re.compile(r"[^A-Za-z0-9]+")
_NOT_WORD = re.compile(r"\W")
_WORD_START = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
# Terms written in mixed case that are one word to their readers: `OAuthToken` is `oauth_token`,
# not `o_auth_token`.
_ONE_WORD = re.compile(r"OAuth|GraphQL|iOS|macOS")
# A possessive is part of its noun, not a word of its own: Sentry's operationId "List an
# Organization's Metric Alert Rules" says `organization`, not `organization_s`.
POSSESSIVE = re.compile(r"(?<=\w)['\u2019]s\b")
# Ids written as sentences put an article after the verb (`get-an-album`, "Retrieve an
# Organization"): it names nothing, in a method or in a class.
ARTICLES = frozenset({"a", "an", "the"})

BUILTIN_NAMES = frozenset(name for name in dir(builtins) if not name.startswith("_"))
# Hard keywords only: `type`, `match` and `case` are fine names, and `keyword.softkwlist` differs
# between Python versions, which would make generated names depend on the interpreter.
MAX_NAME = 60
# One-letter names pycodestyle (ruff E741-E743) calls ambiguous: generated code must pass
# `ruff check` with its default rules, so they get a suffix (the wire name stays the alias).
AMBIGUOUS = frozenset({"l", "O", "I"})
# Verbs that end a path to name what a POST there does (`POST /emails/{id}/cancel`): the
# method is the action (`cancel`), not the creation of a sub-resource (`create_cancel`).
_ACTIONS: tuple[str, ...] = ("accept", "acknowledge", "activate", "approve", "archive", "assign")
_ACTIONS += ("attach", "authorize", "block", "cancel", "capture", "clone", "close", "complete")
_ACTIONS += ("confirm", "copy", "deactivate", "decline", "detach", "disable", "duplicate")
_ACTIONS += ("enable", "execute", "export", "finalize", "follow", "import", "invite", "lock")
_ACTIONS += ("login", "logout", "merge", "move", "mute", "pause", "preview", "publish", "redeem")
_ACTIONS += ("refresh", "refund", "register", "reject", "reopen", "resend", "reset", "resolve")
_ACTIONS += ("restart", "restore", "resume", "retry", "revoke", "rotate", "run", "schedule")
_ACTIONS += ("search", "send", "share", "snooze", "start", "stop", "submit", "subscribe", "sync")
_ACTIONS += ("test", "transfer", "trigger", "unarchive", "unassign", "unblock", "unfollow")
_ACTIONS += ("unlock", "unmute", "unpublish", "unschedule", "unsubscribe", "upload", "validate")
_ACTIONS += ("verify", "void")
ACTION_VERBS = frozenset(_ACTIONS)


# A spec names the same things over and over (`id`, `created`, every path's words): the pure
# functions below remember their answers for the names seen last.
_REMEMBERED = 1 << 15


@lru_cache(maxsize=_REMEMBERED)
def ascii_text(text: str) -> str:
    """Accents folded away; characters with no ASCII form become their code point (`u540d`)."""
    folded = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    out = []
    for char in folded:
        if char.isascii():
            out.append(char)
        elif not unicodedata.combining(char):
            out.append(f"_u{ord(char):x}_")
    return "".join(out)


def words(text: str) -> list[str]:
    """The words of camelCase, PascalCase, snake_case, kebab-case or spaced text."""
    text = _ONE_WORD.sub(lambda match: match[0].capitalize(), ascii_text(POSSESSIVE.sub("", text)))
    text = _ACRONYM_PLURAL.sub(lambda match: match.group(1) + "S", text)
    text = _UPPER_RUN.sub(r"\1_\2", text)
    text = _LOWER_UPPER.sub(r"\1_\2", text)
    text = _DIGIT_WORD.sub(r"\1_\2", text)
    return [word for word in _NON_ALNUM.split(text) if word]


@lru_cache(maxsize=_REMEMBERED)
def snake_case(text: str) -> str:
    return "_".join(word.lower() for word in words(text))


@lru_cache(maxsize=_REMEMBERED)
def pascal_case(text: str) -> str:
    """PascalCase that keeps acronyms as written (`LLM`, `HTTPValidationError`)."""
    parts = []
    for chunk in _NON_ALNUM.split(ascii_text(POSSESSIVE.sub("", text))):
        if chunk:
            parts.append(chunk[0].upper() + chunk[1:])
    return "".join(parts)


def singular(word: str) -> str:
    """English singular of a resource noun: enough for API nouns, no dictionary needed."""
    lower = word.lower()
    if lower.endswith("ies") and len(word) > 4:
        return word[:-3] + ("Y" if word[-1].isupper() else "y")
    if lower.endswith(("uses", "ases")) and not _sibilant_plural(lower):
        return word[:-1]
    if lower.endswith(("sses", "shes", "ches", "xes", "uses", "ases")):
        return word[:-2]
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _sibilant_plural(lower: str) -> bool:
    """Whether a word in `-uses`/`-ases` adds `es` to a noun in `-us`/`-as` (`statuses`,
    `aliases`) rather than `s` to one in `-use`/`-ase` (`causes`, `houses`, `databases`,
    `releases`): a Latin `-us` follows a consonant, `-ause`/`-ouse` a vowel; of the `-as`
    nouns, API names hold the `-ias` ones (`alias`, `bias`)."""
    before = lower[-5:-4]
    if lower.endswith("uses"):
        return before not in ("", "a", "e", "i", "o", "u")
    return before == "i"


def plural(word: str) -> str:
    lower = word.lower()
    if lower.endswith("y") and lower[-2:-1] not in tuple("aeiou"):
        return word[:-1] + "ies"
    if lower.endswith(("s", "sh", "ch", "x")):
        return word + "es"
    return word + "s"


def client_name(node: object, wire: str) -> str:
    """What a parameter or property is called in client code: the name the spec gives it for that
    (AutoRest's `x-ms-client-name`: `access` for the header `x-ms-blob-public-access`), else
    its wire name; either way only a seed for `python_name`."""
    given = node.get("x-ms-client-name") if isinstance(node, dict) else None
    return given if isinstance(given, str) and given.strip() else wire


def python_name(
    text: str, *, reserved: frozenset[str] = frozenset(), fallback: str = "field"
) -> str:
    """A snake_case identifier for a wire name; keywords, leading digits and empties are fixed."""
    name = _bounded(snake_case(text) or fallback, "_")
    if name[0].isdigit():
        name = f"{fallback}_{name}"
    if keyword.iskeyword(name) or name in reserved or name in AMBIGUOUS:
        name += "_"
    return name


def class_name(
    text: str, *, reserved: frozenset[str] = frozenset(), fallback: str = "Model"
) -> str:
    """A PascalCase class name; a spec name that is already a clean identifier is kept."""
    name = _bounded(pascal_case(text) or fallback, "")
    if not name:
        return name
    if name[0].isdigit():
        name = fallback + name
    if keyword.iskeyword(name) or name in reserved or name in BUILTIN_NAMES or name in AMBIGUOUS:
        name += fallback
    return name


def operation_id_without_path(operation_id: str, path: str) -> str:
    """The operationId without the path it spells out: HubSpot's
    `delete-/webhooks/v3/{appId}/settings_clear` names the action `clear`, and FastAPI's
    `get_document_documents__id__get` (function, path, method) is `get_document`."""
    function, found, method = operation_id.rpartition(_NOT_WORD.sub("_", path) + "_")
    if found and method in HTTP_METHODS and words(function):
        return function
    _, found, action = operation_id.rpartition(path)
    return action.strip("_-.: ") if found and words(action) else operation_id


_SECRET_WORDS = frozenset({"secret", "password", "token", "apikey"})


@lru_cache(maxsize=_REMEMBERED)
def is_secret_name(name: str) -> bool:
    """`password`, `clientSecret`, `apiKey`: a value to mask wherever it is shown."""
    tokens = snake_case(name).split("_")
    return bool(tokens) and (tokens[-1] in _SECRET_WORDS or tokens[-2:] == ["api", "key"])


def bounded_class_name(name: str) -> str:
    """A class name built from others (`SessionAnalytics` + `Config`), held to MAX_NAME."""
    return _bounded(name, "")


def _bounded(name: str, separator: str) -> str:
    """Names fit in file names and stay readable: a long one keeps its first word and as many of
    its last words (the ones saying what it is) as fit; colliding results are numbered later."""
    if len(name) <= MAX_NAME:
        return name
    parts = name.split(separator) if separator else _WORD_START.split(name)
    head = parts[0][:MAX_NAME]
    tail: list[str] = []
    budget = MAX_NAME - len(head)
    for part in reversed(parts[1:]):
        if len(part) + len(separator) > budget:
            break
        tail.insert(0, part)
        budget -= len(part) + len(separator)
    return separator.join([head, *tail]) if separator else head + "".join(tail)


class Namer:
    """Hands out unique names in one namespace; a taken name gets `_2`, `_3`... (or `2`, `3`)."""

    def __init__(self, taken: frozenset[str] | set[str] = frozenset()) -> None:
        self._taken = set(taken)

    def claim(self, name: str) -> str:
        if name not in self._taken:
            self._taken.add(name)
            return name
        separator = "_" if "_" in name or name.islower() else ""
        counter = 2
        while f"{name}{separator}{counter}" in self._taken:
            counter += 1
        unique = f"{name}{separator}{counter}"
        self._taken.add(unique)
        return unique

    def __contains__(self, name: object) -> bool:
        return name in self._taken
