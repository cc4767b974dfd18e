"""Bilans intermédiaires (immutable once validated), marks per épreuve, attestations."""
