"""analyse stage (being built)."""
