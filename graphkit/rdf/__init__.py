"""rdf stage (being built)."""
