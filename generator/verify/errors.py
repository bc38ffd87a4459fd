"""What goes wrong while proving a package: a broken contract, or a schema without values."""

from __future__ import annotations


class NoValidValue(ValueError):
    """A schema admits no value the harness can build (or none at all)."""


class NoValueAtAll(NoValidValue):
    """A schema no value satisfies (`allOf` members with no common type or value): the spec's
    doing, which the generator warned about where it is written, not the harness's."""


SPEC_BLAME = "the spec's doing, as the generator warned, not the client's"


def no_reply(error: NoValueAtAll) -> str:
    """What a failure says when the spec lets no reply be valid."""
    return f"no reply is valid against the spec: {error}"


class ContractFailure(AssertionError):
    """A generated client broke its spec's contract.

    The message starts with the call's label (`POST /v1/personas (personas.create)
    [all-fields]`) and names the field; `pointer` is the place in the spec that says otherwise.
    """

    def __init__(self, message: str, pointer: str = "") -> None:
        super().__init__(message)
        self.pointer = pointer
