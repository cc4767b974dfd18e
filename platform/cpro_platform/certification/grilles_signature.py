"""One grid's life: filled (degrees, date, appreciation, ±2 modulation with a reason), signed
by the teacher evaluator with the professional's typed name, reopened for a reason.

A signed grid is locked: the model raises ``CertificationFigee`` and the database refuses it
(migration 0002); these services refuse first with a French message, and write nothing of a
refused request. Nothing moves once the session's commission validated.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpro_platform.bilans.notes import lire_modulation
from cpro_platform.referentials.models import Competence
from cpro_platform.regles import MODULATION_MAX

from .grilles import (
    MESSAGE_SIGNEE, Notation, manquantes, profil, refuser_si_figee, structure_de)
from .models import DegreGrille, EtatGrille, GrilleCCF, ReouvertureGrille

CENTIEME = Decimal("0.01")


def _verrouiller(grille: GrilleCCF) -> GrilleCCF:
    """The grid fresh from the database, locked for this transaction; refused when signed
    or its session validated."""
    grille = (GrilleCCF.objects.select_for_update().select_related(
        "session__referentiel", "apprenant", "epreuve").get(pk=grille.pk))
    refuser_si_figee(grille.session)
    if grille.etat == EtatGrille.SIGNEE:
        raise ValidationError(str(MESSAGE_SIGNEE))
    return grille


def verifier_modulation(modulation: Decimal, motif: str) -> dict:
    """The errors of a modulation (field → French message); empty when acceptable."""
    if abs(modulation) > MODULATION_MAX:
        return {"modulation": _("La modulation est limitée à ±%(max)s points : %(valeur)s est "
                                "refusé.") % {"max": MODULATION_MAX, "valeur": modulation}}
    if modulation != modulation.quantize(CENTIEME):
        return {"modulation": _("La modulation se donne au centième de point au plus.")}
    if modulation and not motif:
        return {"motif": _("Une modulation doit être motivée : indiquez la raison.")}
    return {}


@dataclass(frozen=True)
class Saisie:
    """What the grid page posts: the degrees by compétence code (``None``: none), the date,
    the appreciation, the modulation (as typed) and its reason."""

    degres: dict[str, int | None]
    date: datetime.date | None
    appreciation: str
    modulation: str
    motif: str


def modifier(grille: GrilleCCF, saisie: Saisie, auteur) -> GrilleCCF:
    """Save the grid page's form; the marks are computed again."""
    motif = (saisie.motif or "").strip()
    modulation = lire_modulation(saisie.modulation)
    erreurs = verifier_modulation(modulation, motif)
    if erreurs:
        raise ValidationError(erreurs)
    with transaction.atomic():
        grille = _verrouiller(grille)
        valeurs = {d.valeur for d in _degres_de(grille)}
        horsechelle = {code: v for code, v in saisie.degres.items()
                       if v is not None and v not in valeurs}
        if horsechelle:
            raise ValidationError(_("Degré hors de l’échelle (%(echelle)s) : %(cases)s.") % {
                "echelle": ", ".join(map(str, sorted(valeurs))),
                "cases": ", ".join(f"{c} = {v}" for c, v in horsechelle.items())})
        lignes = _ecrire_degres(grille, saisie.degres)
        grille.date, grille.appreciation = saisie.date, (saisie.appreciation or "").strip()
        grille.modulation, grille.motif = modulation, motif if modulation else ""
        notation = Notation.pour(grille.session, [grille.apprenant_id])
        notation.recalculer(grille, lignes)
        grille.version += 1
        grille.save()
    return grille


def _degres_de(grille: GrilleCCF):
    return structure_de(grille.structure).degres


def _ecrire_degres(grille: GrilleCCF, degres: dict[str, int | None]) -> list[DegreGrille]:
    """Set the posted degrees of the grid's lines (others untouched); the rows after."""
    codes = [code for code in profil(grille, []) if code in degres]
    lignes = {d.competence.code: d for d in grille.degres.select_related("competence")}
    manquants = [code for code in codes if code not in lignes]
    competences = {c.code: c for c in Competence.objects.filter(
        referentiel_id=grille.session.referentiel_id, code__in=manquants)}
    for code in codes:
        ligne = lignes.get(code)
        if ligne is None:
            if degres[code] is None:
                continue
            ligne = lignes[code] = DegreGrille(grille=grille, competence=competences[code])
        elif ligne.degre == degres[code]:
            continue
        ligne.degre = degres[code]
        ligne.version += 1
        ligne.save()
    return list(lignes.values())


def signer(grille: GrilleCCF, enseignant, professionnel: str) -> GrilleCCF:
    """Sign the complete grid: every line has a degree, a date and a mark; the teacher
    ``enseignant`` signs, the professional co-signs by their typed name."""
    professionnel = (professionnel or "").strip()
    with transaction.atomic():
        grille = _verrouiller(grille)
        erreurs = []
        absents = manquantes(grille)
        if absents:
            erreurs.append(_("La grille n’est pas complète : degré manquant pour %(codes)s.")
                           % {"codes": ", ".join(absents)})
        if not professionnel:
            erreurs.append(_("Le professionnel évaluateur co-signe la grille : saisissez son "
                             "nom."))
        if grille.date is None:
            erreurs.append(_("Indiquez la date de l’évaluation avant de signer."))
        if not absents and grille.note is None:
            erreurs.append(_("La règle de notation n’a pas donné de note : la grille ne peut "
                             "pas être signée."))
        if erreurs:
            raise ValidationError(erreurs)
        grille.etat, grille.signee_par, grille.signee_le = (EtatGrille.SIGNEE, enseignant,
                                                            timezone.now())
        grille.signature_professionnel = professionnel
        grille.version += 1
        grille.save()
    return grille


def etat_signe(grille: GrilleCCF) -> dict:
    """The signed content kept by a reopening (``ReouvertureGrille.avant``)."""
    signataire = grille.signee_par
    return {
        "note_calculee": str(grille.note_calculee), "modulation": str(grille.modulation),
        "motif": grille.motif, "note": str(grille.note), "appreciation": grille.appreciation,
        "date": grille.date.isoformat() if grille.date else None,
        "degres": profil(grille),
        "signee_par": (signataire.get_full_name() or signataire.get_username())
        if signataire else "",
        "signee_le": grille.signee_le.isoformat() if grille.signee_le else None,
        "signature_professionnel": grille.signature_professionnel,
    }


def rouvrir(grille: GrilleCCF, motif: str, par) -> ReouvertureGrille:
    """Reopen a signed grid for ``motif`` (required): the signed content is recorded, the
    grid goes back to "en cours" without signatures."""
    motif = (motif or "").strip()
    if not motif:
        raise ValidationError({"motif": _("Indiquez le motif de la réouverture : il est "
                                          "conservé dans l’historique de la grille.")})
    with transaction.atomic():
        # of=self: PostgreSQL cannot lock the nullable side of the signer's outer join
        grille = (GrilleCCF.objects.select_for_update(of=("self",)).select_related(
            "session", "signee_par").get(pk=grille.pk))
        refuser_si_figee(grille.session)
        if grille.etat != EtatGrille.SIGNEE:
            raise ValidationError(_("Cette grille n’est pas signée : elle se modifie "
                                    "directement, sans réouverture."))
        reouverture = ReouvertureGrille.objects.create(grille=grille, motif=motif, par=par,
                                                       avant=etat_signe(grille))
        grille.etat, grille.signee_par, grille.signee_le = EtatGrille.BROUILLON, None, None
        grille.signature_professionnel = ""
        grille.version += 1
        grille.save(update_fields=sorted(GrilleCCF.CHAMPS_REOUVERTURE))
    return reouverture


@dataclass(frozen=True)
class Evenement:
    le: datetime.datetime
    qui: str
    quoi: str
    motif: str = ""


def historique(grille: GrilleCCF) -> list[Evenement]:
    """The grid's changes (``simple_history``) and reopenings, newest first (two queries)."""
    libelles = dict(EtatGrille.choices)
    evenements = []
    for h in grille.history.select_related("history_user").order_by("history_date"):
        qui = (h.history_user.get_full_name() or h.history_user.get_username()
               if h.history_user else "")
        if h.history_type == "+":
            quoi = _("grille créée")
        elif h.etat == EtatGrille.SIGNEE:
            quoi = _("signée — note retenue %(note)s / 20, co-signée par %(pro)s") % {
                "note": h.note, "pro": h.signature_professionnel}
        else:
            quoi = _("%(etat)s — note proposée %(calculee)s, retenue %(note)s") % {
                "etat": libelles.get(h.etat, h.etat),
                "calculee": h.note_calculee if h.note_calculee is not None else "—",
                "note": h.note if h.note is not None else "—"}
        evenements.append(Evenement(h.history_date, qui, quoi))
    for r in grille.reouvertures.select_related("par"):
        evenements.append(Evenement(r.le, r.par.get_full_name() or r.par.get_username(),
                                    _("rouverte"), r.motif))
    return sorted(evenements, key=lambda e: e.le, reverse=True)
