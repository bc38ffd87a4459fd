"""sdkgen: OpenAPI specs in, versioned Python client packages out.

`__version__` is the one place the generator's version is read from: the installed package's
metadata, which hatchling takes from pyproject.toml.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("sdkgen")
except PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
