"""Benchmarks: stage timings and memory (``stages``)."""

from __future__ import annotations

from .stages import run_bench

__all__ = ["run_bench"]
