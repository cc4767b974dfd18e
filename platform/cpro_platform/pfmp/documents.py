"""What the two PFMP documents print: the convention data sheet and the attestation de PFMP.

Both are plain JSON-ready dicts built from the placement, so the page, the PDF and the
attestation's signatures read the same thing: a signature's ``empreinte`` is taken over
``contenu_attestation(stage)``, so any later change of what the attestation states (dates,
absences, activities, appreciation, company, tutor…) shows the signature as made on an
earlier version.
"""
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.text import slugify

from cpro_platform.etablissements.models import aujourdhui
from cpro_platform.livret.entete import entete
from cpro_platform.pdf import html_en_pdf

from .semaines import jours_ouvres, semaines_effectuees, semaines_prevues


def _nom(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _decimal(valeur) -> str:
    """One written form whatever the value's origin (2, "2", Decimal("2.0") read back)."""
    return f"{Decimal(valeur or 0):.1f}"


def _entreprise(stage) -> dict:
    e = stage.entreprise
    return {"nom": e.nom, "siret": e.siret, "adresse": e.adresse, "code_postal": e.code_postal,
            "commune": e.commune, "lieu": stage.adresse}


def _tuteur(stage) -> dict:
    t = stage.tuteur
    if t is None:
        return {"nom": "", "fonction": "", "telephone": "", "email": ""}
    return {"nom": _nom(t.user), "fonction": t.fonction, "telephone": t.telephone,
            "email": t.user.email}


def contenu_attestation(stage) -> dict:
    """What the attestation states (and what its signatures are made on)."""
    classe = stage.periode.classe
    return {
        "apprenant": stage.apprenant.nom_complet, "ine": stage.apprenant.ine,
        "classe": classe.nom, "etablissement": classe.etablissement.nom,
        "uai": classe.etablissement.uai, "entreprise": _entreprise(stage),
        "tuteur": _tuteur(stage)["nom"], "periode": stage.periode.titre,
        "debut": stage.debut.isoformat(), "fin": stage.fin.isoformat(),
        "semaines": _decimal(semaines_effectuees(stage, stage.fin)),
        "jours_absence": _decimal(stage.jours_absence), "absences": stage.absences_detail,
        "activites": stage.activites_realisees, "appreciation": stage.appreciation_tuteur,
    }


def contenu_convention(stage) -> dict:
    """The convention data sheet: who, where, when, how long, and the critères targeted."""
    classe = stage.periode.classe
    etablissement = classe.etablissement
    criteres = (stage.periode.situation.criteres.select_related("competence")
                .order_by("competence__ordre", "ordre"))
    competences: list[dict] = []
    for critere in criteres:
        if not competences or competences[-1]["code"] != critere.competence.code:
            competences.append({"code": critere.competence.code,
                                "intitule": critere.competence.intitule, "criteres": []})
        competences[-1]["criteres"].append({"code": critere.code, "intitule": critere.intitule})
    return {
        "etablissement": {"nom": etablissement.nom, "uai": etablissement.uai,
                          "commune": etablissement.commune,
                          "academie": etablissement.academie},
        "apprenant": {"nom": stage.apprenant.nom_complet, "ine": stage.apprenant.ine,
                      "date_naissance": stage.apprenant.date_naissance,
                      "classe": classe.nom, "annee": str(classe.annee)},
        "entreprise": _entreprise(stage), "tuteur": _tuteur(stage),
        "enseignant": {"nom": _nom(stage.enseignant_referent),
                       "email": stage.enseignant_referent.email
                       if stage.enseignant_referent else ""},
        "periode": stage.periode.titre, "debut": stage.debut, "fin": stage.fin,
        "horaires": stage.horaires, "heures_hebdo": stage.heures_hebdo,
        "jours_ouvres": jours_ouvres(stage.debut, stage.fin),
        "semaines": semaines_prevues(stage), "competences": competences,
        "referentiel": {"code": classe.referentiel.code,
                        "version": classe.referentiel.version,
                        "intitule": classe.referentiel.intitule},
    }


def _pdf(template: str, stage, contexte: dict) -> bytes:
    return html_en_pdf(render_to_string(template, {
        "stage": stage, "entete": entete(stage.apprenant, stage.periode.classe), **contexte}))


def convention_pdf(stage) -> bytes:
    return _pdf("pfmp/documents/convention_pdf.html", stage,
                {"c": contenu_convention(stage)})


def attestation_pdf(stage, signatures) -> bytes:
    """``signatures``: ``signatures.etat_des_signatures(stage)``."""
    return _pdf("pfmp/documents/attestation_pdf.html", stage, {
        "c": contenu_attestation(stage), "signatures": signatures,
        "provisoire": aujourdhui() < stage.fin})


def nom_du_pdf(document: str, stage) -> str:
    return (slugify(f"{document}-{stage.apprenant.nom_complet}-{stage.periode.titre}")
            or document) + ".pdf"
