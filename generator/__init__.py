"""sdkgen: OpenAPI specs in, versioned Python client packages out.

`__version__` is the one place the generator's version is read from: the installed package's
metadata, which hatchling takes from pyproject.toml. It is read when first asked for, so the
commands that never print it (a no-op `regen`) do not pay for `importlib.metadata`.
"""

import functools

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    if name == "__version__":
        return _version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.cache
def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sdkgen")
    except PackageNotFoundError:  # imported from a source tree that was never installed
        return "0+unknown"
