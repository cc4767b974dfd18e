"""The JSON Schema of ``parcours.json``, generated from ``specs.SPECS`` and the models' fields.

Published as ``docs/parcours_archive.schema.json`` (``manage.py schema_parcours`` prints it; a
test checks the published file is current, so a field added to a carried model shows up there).
"""
from django.db import models

from .archive import FORMAT, VERSION
from .specs import REFERENTIELS, SPECS

REF = {"type": "string", "pattern": r"^[a-z_]+\.[a-z_]+:[1-9][0-9]*$"}
EMPREINTE = {"type": "string", "pattern": r"^[0-9a-f]{4}(:[0-9a-f]{4}){15}$"}
FICHIER = {"type": "string", "pattern": r"^(|fichiers/[0-9a-f]{64}\.[a-z0-9]+)$"}
CODE = {"type": "string", "minLength": 1}
VERSION_REF = {"type": "array", "prefixItems": [CODE, CODE], "minItems": 2, "maxItems": 2}


def _pointeur(*cles: str) -> dict:
    return {"type": "object", "required": ["referentiel", *cles],
            "additionalProperties": False,
            "properties": {"referentiel": {"$ref": "#/$defs/version_referentiel"},
                           **{c: {"$ref": "#/$defs/code"} for c in cles}}}


POINTEURS = {
    "referentials.referentiel": _pointeur(),
    "referentials.competence": _pointeur("competence"),
    "referentials.critere": _pointeur("competence", "critere"),
    "referentials.epreuve": _pointeur("epreuve"),
    "referentials.activite": _pointeur("pole", "activite"),
}


def _nom_pointeur(label: str) -> str:
    return "pointeur_" + label.split(".")[1]


def _type(f) -> dict:
    if f.is_relation:
        cible = f.related_model._meta.label_lower
        un = {"$ref": f"#/$defs/{_nom_pointeur(cible)}"} if cible in REFERENTIELS \
            else {"$ref": "#/$defs/ref"}
        return {"type": "array", "items": un} if f.many_to_many else un
    if isinstance(f, models.FileField):
        return {"$ref": "#/$defs/fichier"}
    if isinstance(f, models.DateTimeField):
        return {"type": "string", "format": "date-time"}
    if isinstance(f, models.DateField):
        return {"type": "string", "format": "date"}
    if isinstance(f, models.DecimalField):
        return {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]+)?$"}
    if isinstance(f, models.BooleanField):
        return {"type": "boolean"}
    if isinstance(f, (models.PositiveIntegerField, models.PositiveSmallIntegerField)):
        return {"type": "integer", "minimum": 0}
    if isinstance(f, models.IntegerField):
        return {"type": "integer"}
    if isinstance(f, models.JSONField):
        return {}
    schema = {"type": "string"}
    if f.choices:
        schema["enum"] = [*([""] if f.blank else []),
                          *(str(valeur) for valeur, _libelle in f.flatchoices)]
    elif getattr(f, "max_length", None):
        schema["maxLength"] = f.max_length
    return schema


def _champ(f) -> dict:
    schema = _type(f)
    if f.null and not f.many_to_many and schema:
        return {"anyOf": [schema, {"type": "null"}]}
    return schema


def _ligne(spec) -> dict:
    champs = spec.champs_exportes()
    motif = "^" + spec.label.replace(".", r"\.") + ":[1-9][0-9]*$"
    return {
        "type": "object", "required": ["ref", "champs"], "additionalProperties": False,
        "properties": {
            "ref": {"type": "string", "pattern": motif},
            "champs": {"type": "object", "required": [f.name for f in champs],
                       "additionalProperties": False,
                       "properties": {f.name: _champ(f) for f in champs}}}}


def json_schema() -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"CPRO learner archive, parcours.json, format {FORMAT} version {VERSION}",
        "description": "See docs/parcours_archive.md. Each record is a row of the model named "
                       "by its key (app_label.model), its relations as references to other "
                       "records (\"label:n\") or as referential codes.",
        "type": "object",
        "required": ["format", "version", "exporte_le", "installation", "apprenant",
                     "referentiels", "enregistrements"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": VERSION},
            "exporte_le": {"type": "string", "format": "date-time"},
            "installation": {"type": "object", "required": ["nom", "empreinte"],
                             "additionalProperties": False,
                             "properties": {"nom": {"type": "string"},
                                            "empreinte": {"$ref": "#/$defs/empreinte"}}},
            "apprenant": {"type": "string", "pattern": r"^etablissements\.apprenant:[1-9][0-9]*$"},
            "referentiels": {"type": "array", "items": {
                "type": "object", "required": ["code", "version", "intitule"],
                "additionalProperties": False,
                "properties": {"code": {"$ref": "#/$defs/code"},
                               "version": {"$ref": "#/$defs/code"},
                               "intitule": {"type": "string"}}}},
            "enregistrements": {
                "type": "object", "additionalProperties": False,
                "required": [spec.label for spec in SPECS],
                "properties": {spec.label: {"type": "array", "items": {
                    "$ref": f"#/$defs/{spec.label.replace('.', '__')}"}} for spec in SPECS}},
        },
        "$defs": {
            "ref": REF, "empreinte": EMPREINTE, "fichier": FICHIER, "code": CODE,
            "version_referentiel": VERSION_REF,
            **{_nom_pointeur(label): schema for label, schema in POINTEURS.items()},
            **{spec.label.replace(".", "__"): _ligne(spec) for spec in SPECS},
        },
    }


def schema_a_l_import() -> dict:
    """The schema an import checks: the published one, except that a record may carry fields
    this installation does not know (an installation with a newer model wrote it): they are
    ignored."""
    schema = json_schema()
    for spec in SPECS:
        ligne = schema["$defs"][spec.label.replace(".", "__")]
        ligne["properties"]["champs"]["additionalProperties"] = True
    return schema
