"""Editing timelines: `new`, `add` and `fmt` (round-trip YAML with ruamel.yaml; never loses data)."""
