"""What a learner's archive holds: the explicit list of models, in creation order, each with
the fields that identify one of its rows on import (its natural key).

Fields are read by introspection, so a field another feature adds to one of these models
travels without touching this module (a new *required* foreign key to a model not listed
here is the exception: ``tests/portabilite/test_specs.py`` says so). To add a model: append a
``Spec`` after the models it points to, with ``racine`` if the learner owns its rows (else it
travels only when a listed row points to it), and a ``cle`` that tells its rows apart.
"""
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from types import MappingProxyType

from django.apps import apps
from django.contrib.auth import get_user_model


@dataclass(frozen=True)
class Spec:
    #: "app_label.ModelName".
    modele: str
    #: The fields telling rows apart: an import finds a row with these values (their
    #: references resolved) and keeps it instead of adding a twin; empty: always added.
    #: Rows are read per value of the first field: put the learner or the parent first.
    cle: tuple[str, ...]
    #: The lookup from this model to the learner (``"apprenant"``, ``"bilan__apprenant"``…):
    #: the learner's rows travel. ``None``: a row travels only when another points to it.
    racine: str | None = None
    #: Only these fields (default: every concrete field but the primary key).
    champs: tuple[str, ...] | None = None
    #: Values a new row is created with, replaced by the archive's once its ``enfants`` are
    #: in (a validated bilan's lines can only be written while it is a draft).
    differes: Mapping = field(default_factory=lambda: MappingProxyType({}))
    #: Models whose rows pointing to a new row of this one are created right after it.
    enfants: tuple[str, ...] = ()

    @cached_property
    def model(self):
        return get_user_model() if self.modele == "auth.User" else apps.get_model(self.modele)

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    def champs_exportes(self) -> list:
        """The concrete fields and many-to-many fields that travel, in declaration order."""
        opts = self.model._meta
        tous = [f for f in opts.concrete_fields if not f.primary_key]
        tous += [f for f in opts.many_to_many if f.remote_field.through._meta.auto_created]
        if self.champs is not None:
            return [f for f in tous if f.name in self.champs]
        return tous


SPECS: tuple[Spec, ...] = (
    Spec("auth.User", ("email",), champs=("first_name", "last_name", "email")),
    Spec("etablissements.Etablissement", ("uai",)),
    Spec("etablissements.AnneeScolaire", ("code",)),
    Spec("etablissements.Classe", ("etablissement", "annee", "nom")),
    Spec("etablissements.Apprenant", ("ine",), racine="pk"),
    Spec("etablissements.Parcours", ("apprenant", "debut"), racine="apprenant"),
    Spec("etablissements.Inscription", ("apprenant", "classe"), racine="apprenant"),
    Spec("etablissements.Entreprise", ("etablissement", "siret")),
    Spec("etablissements.Tuteur", ("user", "entreprise")),
    Spec("etablissements.Encadrement", ("tuteur", "apprenant", "type", "debut"),
         racine="apprenant"),
    Spec("suivi.Scenario", ("classe", "referentiel", "titre")),
    Spec("suivi.Situation", ("scenario", "titre", "ordre", "debut")),
    Spec("suivi.Evaluation", ("apprenant", "situation", "critere", "version"),
         racine="apprenant"),
    Spec("livret.Positionnement", ("apprenant", "competence", "date", "created_at"),
         racine="apprenant"),
    Spec("bilans.Campagne", ("classe", "titre")),
    Spec("bilans.Bilan", ("apprenant", "campagne", "cree_le"), racine="apprenant",
         differes=MappingProxyType({"etat": "brouillon", "valide_par": None,
                                    "valide_le": None}),
         enfants=("bilans.niveaubilan",)),
    Spec("bilans.NiveauBilan", ("bilan", "competence"), racine="bilan__apprenant"),
    Spec("bilans.PonderationApprenant", ("apprenant", "epreuve", "cree_le"),
         racine="apprenant"),
    Spec("bilans.Note", ("bilan", "epreuve", "cree_le"), racine="bilan__apprenant"),
    Spec("bilans.NoteDePeriode", ("bilan", "cree_le"), racine="bilan__apprenant"),
    Spec("bilans.Attestation", ("apprenant", "delivree_le"), racine="apprenant"),
    Spec("pfmp.PeriodePFMP", ("classe", "titre")),
    Spec("pfmp.StagePFMP", ("periode", "apprenant"), racine="apprenant"),
    Spec("pfmp.Visite", ("stage", "type", "date", "cree_le"), racine="stage__apprenant"),
    Spec("pfmp.SignaturePFMP", ("stage", "document", "qualite", "signe_le"),
         racine="stage__apprenant"),
    Spec("apprentissage.Contrat", ("apprenant", "employeur", "debut"), racine="apprenant"),
    Spec("apprentissage.SemaineAlternance", ("contrat", "lundi"),
         racine="contrat__apprenant"),
    Spec("apprentissage.EntreeMaitre", ("contrat", "debut", "cree_le"),
         racine="contrat__apprenant"),
    Spec("apprentissage.BilanApprentissage", ("contrat", "date", "cree_le"),
         racine="contrat__apprenant"),
    Spec("apprentissage.SignatureApprentissage", ("bilan", "qualite", "signe_le"),
         racine="bilan__contrat__apprenant"),
    Spec("activites.FicheActivite", ("apprenant", "date", "cree_le"), racine="apprenant"),
    Spec("activites.PhotoFiche", ("fiche", "nom", "ajoutee_le"),
         racine="fiche__apprenant"),
)

#: Referential rows are never carried: they are pointed to by codes, and the importing
#: installation must have the referential (or another version of it: the version mapping).
REFERENTIELS = ("referentials.referentiel", "referentials.competence", "referentials.critere",
                "referentials.epreuve", "referentials.activite")


@cache
def en_masse() -> frozenset[str]:
    """Labels whose new rows an import may insert together (``bulk_create``): no carried row
    points to them (nobody needs their primary key while importing), no many-to-many, no
    children or deferred values, and no ``auto_now`` field (a bulk insert would overwrite the
    archive's timestamp)."""
    pointes = {f.related_model._meta.label_lower for spec in SPECS
               for f in spec.champs_exportes() if f.is_relation}
    enfants = {label for spec in SPECS for label in spec.enfants}
    return frozenset(
        spec.label for spec in SPECS
        if spec.label not in pointes | enfants and not spec.enfants and not spec.differes
        and spec.model is not get_user_model()
        and not any(f.many_to_many for f in spec.champs_exportes())
        and not any(getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
                    for f in spec.model._meta.concrete_fields))


def par_label() -> dict[str, Spec]:
    return {spec.label: spec for spec in SPECS}
