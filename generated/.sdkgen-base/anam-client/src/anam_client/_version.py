"""Version of this package, and what it was generated from."""

__version__ = "1.0.13"
__spec_sha256__ = "ba7b95e051cc4e88ef2607106d821b2bb619de5ca41bf0dced6234c5849d3376"
__generator__ = "sdkgen 0.1.0"
