"""Bilans test data built straight through the models: the worked example's référentiel
(épreuve E32: C2.1 35 %, C2.2 40 %, C2.3 25 %, scale 1..4), campaigns, validated bilans."""
import io
import itertools
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from pypdf import PdfReader

from cpro_platform.bilans.models import (
    Bilan, Campagne, EtatBilan, NiveauBilan, Note, OrigineNiveau)
from cpro_platform.referentials.models import (
    Bloc, Competence, Critere, Epreuve, Ponderation, Referentiel, Unite)
from tests import factories as f
from tests.suivi import factories as sf

_seq = itertools.count(1)


@dataclass
class E32:
    referentiel: Referentiel
    epreuve: Epreuve
    competences: dict[str, Competence]   # "C2.1" → …
    criteres: dict[str, Critere]         # one per compétence, keyed by the compétence code


def e32(ref: Referentiel) -> E32:
    """The worked example of docs/plugin_hooks.md on ``ref``; C2.3 is provisional content."""
    sf.echelle(ref)
    unite = Unite.objects.create(referentiel=ref, code="U32", intitule="Réalisation",
                                 provenance="officiel", ordre=1)
    bloc = Bloc.objects.create(referentiel=ref, unite=unite, code="B2", ordre=1,
                               intitule="Intervenir sur le véhicule", provenance="officiel")
    competences, criteres = {}, {}
    for i, code in enumerate(("C2.1", "C2.2", "C2.3"), 1):
        competences[code] = Competence.objects.create(
            referentiel=ref, bloc=bloc, code=code, ordre=i, intitule=f"Intitulé de {code}",
            provenance="provisoire" if code == "C2.3" else "officiel",
            provenance_detail="Rédigé d’après le projet de référentiel" if code == "C2.3"
            else "")
        criteres[code] = Critere.objects.create(competence=competences[code], code=f"{code}.1",
                                                intitule=f"Critère de {code}", ordre=1,
                                                provenance="officiel")
    epreuve = Epreuve.objects.create(referentiel=ref, code="E32", intitule="Épreuve pratique",
                                     coefficient=3, provenance="officiel", ordre=1)
    epreuve.competences.set(competences.values())
    for code, pourcentage in (("C2.1", 35), ("C2.2", 40), ("C2.3", 25)):
        Ponderation.objects.create(epreuve=epreuve, competence=competences[code],
                                   pourcentage=Decimal(pourcentage), provenance="officiel")
    return E32(ref, epreuve, competences, criteres)


def campagne(classe, auteur, titre: str | None = None, date=None) -> Campagne:
    return Campagne.objects.create(classe=classe, titre=titre or f"Bilan {next(_seq)}",
                                   date=date or f.jours(-1), ouverte_par=auteur)


def bilan_valide(apprenant, campagne_: Campagne, auteur, niveaux: dict, *, appreciation="",
                 commentaires: dict | None = None, date=None, remplace=None,
                 origines: dict | None = None) -> Bilan:
    """A draft with ``niveaux`` ({Competence: level or None}) then validated in one save;
    ``origines`` ({compétence code: OrigineNiveau}) overrides a line's origin."""
    bilan = Bilan.objects.create(apprenant=apprenant, campagne=campagne_,
                                 referentiel=campagne_.classe.referentiel,
                                 date=date or campagne_.date, appreciation=appreciation,
                                 cree_par=auteur, remplace=remplace)
    commentaires = commentaires or {}
    for competence, niveau in niveaux.items():
        NiveauBilan.objects.create(bilan=bilan, competence=competence, niveau=niveau,
                                   origine=(origines or {}).get(competence.code) or (
                                       OrigineNiveau.SAISIE if niveau else OrigineNiveau.AUCUN),
                                   commentaire=commentaires.get(competence.code, ""))
    bilan.etat, bilan.valide_par, bilan.valide_le = EtatBilan.VALIDE, auteur, timezone.now()
    bilan.save()
    return bilan


def note(bilan: Bilan, epreuve: Epreuve, auteur, calculee: str, modulation: str = "0",
         motif: str = "", **explication) -> Note:
    calculee_, modulation_ = Decimal(calculee), Decimal(modulation)
    return Note.objects.create(
        bilan=bilan, epreuve=epreuve, note_calculee=calculee_, modulation=modulation_,
        motif=motif, note=calculee_ + modulation_, ponderation={}, explication=explication,
        auteur=auteur)


def texte_pdf(contenu: bytes) -> str:
    assert contenu.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(contenu)).pages)
