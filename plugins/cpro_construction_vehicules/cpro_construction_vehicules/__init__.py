"""CPRO plugin: Baccalauréat professionnel Construction et aménagement de véhicules (CAV)."""
from pathlib import Path

from cpro_platform import hookimpl

REFERENTIEL = Path(__file__).parent / "referentiel.toml"


@hookimpl
def register_referentiels(register):
    register(REFERENTIEL)
