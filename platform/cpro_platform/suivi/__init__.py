"""Tracking: scénarios pédagogiques, situations de formation and their evaluation grids."""
