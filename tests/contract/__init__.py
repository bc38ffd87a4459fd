"""The contract suite: every generated client proved against its spec (see README.md)."""
