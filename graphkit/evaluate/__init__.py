"""evaluate stage (being built)."""
