"""resolve stage (being built)."""
