"""Version of this package, and what it was generated from."""

__version__ = "0.1.13"
__spec_sha256__ = "46f7878b137cd4344b1ad19931a114f2660938249fcd2be613ff6e47d8102c53"
__generator__ = "sdkgen 0.1.0"
