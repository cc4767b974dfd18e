"""Certification: a class's exam session, CCF situations d'évaluation, grids, commission."""
