"""One module per resource; each holds the sync and async resource classes."""
