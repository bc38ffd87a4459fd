"""Security tier: hostile and broken specs, output safety, the escaping door, fuzzing."""
