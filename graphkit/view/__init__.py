"""view stage (being built)."""
