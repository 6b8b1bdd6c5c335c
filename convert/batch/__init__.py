"""Batch runs: inputs → plan → tasks → executor → results → manifest (see DESIGN.md)."""
