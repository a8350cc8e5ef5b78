"""Ingest: report files (plain text, CQC HTML pages, PDF downloads) to ``Report`` records."""

from __future__ import annotations

from .reader import read_report, report_from_text, SUFFIXES

__all__ = ["read_report", "report_from_text", "SUFFIXES"]
