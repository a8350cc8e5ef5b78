"""Ingest: report files (plain text, CQC HTML pages, PDF downloads) to ``Report`` records."""

from __future__ import annotations

from .reader import DEFAULT_MAX_SIZE, SUFFIXES, format_size, parse_size, read_limited, read_report, report_from_text
from .walk import find_reports

__all__ = ["read_report", "report_from_text", "read_limited", "find_reports", "parse_size", "format_size",
           "SUFFIXES", "DEFAULT_MAX_SIZE"]
