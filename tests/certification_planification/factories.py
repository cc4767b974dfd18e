"""Certification planning test data: CCF sous-épreuves with their compétences, a session,
its situations d'évaluation — the référentiel rows as ``sync_referentiels`` would write them."""
import datetime

from cpro_platform.certification.models import SessionExamen, SituationEvaluation
from cpro_platform.referentials.models import Competence, Epreuve
from tests.suivi import factories as sf


def epreuve(ref, code: str, *, mode: str = "ccf", parent=None, competences=()) -> Epreuve:
    """The épreuve ``code`` of ``ref`` (created once: both access-matrix worlds share MINI)."""
    e, created = Epreuve.objects.get_or_create(referentiel=ref, code=code, defaults={
        "intitule": f"Épreuve {code}", "coefficient": 2, "mode": mode, "parent": parent,
        "formes": ["pratique", "orale"], "duree_minutes": 150, "provenance": "provisoire",
        "ordre": int("".join(ch for ch in code if ch.isdigit()) or 0)})
    if created and competences:
        e.competences.set(competences)
    return e


def competences(ref, n: int = 2) -> list[Competence]:
    """``n`` compétences with two critères each."""
    return list(dict.fromkeys(c.competence for c in sf.criteres(ref, 2 * n)))


def epreuves(ref) -> dict[str, Epreuve]:
    """E2 (ponctuel) and E3 divided into E31 and E32 (CCF), each with its own compétences."""
    if Epreuve.objects.filter(referentiel=ref, code="E31").exists():
        return {e.code: e for e in Epreuve.objects.filter(referentiel=ref)}
    e3 = epreuve(ref, "E3", mode="")
    return {"E2": epreuve(ref, "E2", mode="ponctuel", competences=competences(ref)),
            "E3": e3,
            "E31": epreuve(ref, "E31", parent=e3, competences=competences(ref)),
            "E32": epreuve(ref, "E32", parent=e3, competences=competences(ref))}


def session(classe, auteur, annee: int | None = None) -> SessionExamen:
    epreuves(classe.referentiel)
    return SessionExamen.objects.get_or_create(
        classe=classe, annee=annee or classe.annee.fin.year + 1,
        defaults={"referentiel": classe.referentiel, "cree_par": auteur})[0]


def situation(session, evaluateur, apprenants=(), code: str = "E31",
              **fields) -> SituationEvaluation:
    defaults = {"intitule": f"Situation {code}", "lieu": "centre",
                "debut": datetime.date(session.annee - 1, 11, 5),
                "professionnel_nom": "Jean Morel", "professionnel_fonction": "Chef d'atelier"}
    s = SituationEvaluation.objects.create(
        session=session, epreuve=epreuves(session.referentiel)[code], evaluateur=evaluateur,
        **{**defaults, **fields})
    s.apprenants.set(apprenants)
    return s
