"""query stage (being built)."""
