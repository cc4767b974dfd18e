"""The published JSON Schema is the generated one, is strict, and the model list is portable."""
import json
from pathlib import Path

import jsonschema
import pytest

from cpro_platform.portabilite import serialisation
from cpro_platform.portabilite.schema import json_schema
from cpro_platform.portabilite.specs import SPECS, Spec

PUBLIE = Path(__file__).resolve().parents[2] / "docs" / "parcours_archive.schema.json"


def test_le_schema_publie_est_a_jour():
    assert json.loads(PUBLIE.read_text("utf-8")) == json_schema(), (
        "a carried model changed: regenerate with "
        "'.venv/bin/python manage.py schema_parcours > docs/parcours_archive.schema.json'")


def test_le_schema_refuse_un_champ_inconnu_et_une_reference_mal_formee():
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    minimal = {"format": "cpro-parcours", "version": 1, "exporte_le": "2026-12-02T08:00:00",
               "installation": {"nom": "", "empreinte": ":".join(["abcd"] * 16)},
               "apprenant": "etablissements.apprenant:1", "referentiels": [],
               "enregistrements": {spec.label: [] for spec in SPECS}}
    jsonschema.validate(minimal, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**minimal, "apprenant": "etablissements.apprenant:0"}, schema)
    annee = {"ref": "etablissements.anneescolaire:1",
             "champs": {"code": "2025-2026", "debut": "2025-09-01", "fin": "2026-08-31"}}
    jsonschema.validate({**minimal, "enregistrements": {
        **minimal["enregistrements"], "etablissements.anneescolaire": [annee]}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**minimal, "enregistrements": {
            **minimal["enregistrements"], "etablissements.anneescolaire": [
                {**annee, "champs": {**annee["champs"], "intrus": 1}}]}}, schema)


def test_chaque_modele_porte_tout_ce_qu_il_reference():
    serialisation.verifier_specs()


def test_un_modele_qui_pointe_vers_un_modele_non_porte_est_signale(monkeypatch):
    """A candidature requires its exam session: carried without it, the archive could not
    rebuild it."""
    candidature = Spec("certification.Candidature", ())
    monkeypatch.setattr(serialisation, "SPECS", (*SPECS, candidature))
    with pytest.raises(serialisation.ModeleNonPortable,
                       match="certification.Candidature.session → certification.sessionexamen"):
        serialisation.verifier_specs()
