"""Extraction: entities, typed relations and quantities from a report's text, by rules as data."""

from __future__ import annotations

from .core import extract
from .export import to_gold_json
from .rules import Rules, load_rules

__all__ = ["extract", "load_rules", "Rules", "to_gold_json"]
