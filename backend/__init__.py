"""Dota 2 match-outcome prediction service."""

__version__ = "0.1.0"
