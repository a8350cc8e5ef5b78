"""extract stage (being built)."""
