"""Reads of the employment app (docs/employment.md)."""
