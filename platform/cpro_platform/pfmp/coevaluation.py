"""The tutor's co-evaluation of a placement, phone first: one card per critère targeted by the
period's situation (compétence and critère wording, indicators), the current value and its
version; saved through the grid's one writer ``suivi.grille.enregistrer_grille``, so versions,
conflicts, the livret and its caches behave exactly as on the teachers' grid."""
from dataclasses import dataclass

from django.utils.translation import gettext as _

from cpro_platform.referentials.models import Critere
from cpro_platform.suivi.grille import Resultat, Saisie, courantes, echelle, enregistrer_grille
from cpro_platform.suivi.models import ABSENT, NON_EVALUE, Etat, Evaluation

from .models import StagePFMP


@dataclass
class Carte:
    critere: Critere
    courante: Evaluation | None
    #: What the form shows: the posted value after a refused save, else the current one.
    valeur: str = ""
    commentaire: str = ""
    version: int = 0
    #: The other person's value when the tutor's entry was made from an older version.
    conflit: Evaluation | None = None

    @property
    def nom(self) -> str:
        return str(self.critere.pk)


def criteres_cibles(stage: StagePFMP) -> list[Critere]:
    return list(stage.periode.situation.criteres
                .select_related("competence__bloc").prefetch_related("indicateurs")
                .order_by("competence__bloc__ordre", "competence__ordre", "ordre"))


def cartes(stage: StagePFMP) -> list[Carte]:
    """One card per targeted critère with the learner's current value (3 queries)."""
    situation = stage.periode.situation
    criteres = criteres_cibles(stage)
    actuelles = courantes(situation, [(stage.apprenant_id, c.pk) for c in criteres])
    out = []
    for critere in criteres:
        courante = actuelles.get((stage.apprenant_id, critere.pk))
        out.append(Carte(critere, courante, courante.code if courante else "",
                         courante.commentaire if courante else "",
                         courante.version if courante else 0))
    return out


def saisie_du_code(apprenant_id: int, critere_id: int, code: str, commentaire: str) -> Saisie:
    """A card's choice as a grid entry: a level, "ABS" or "NE" (anything else is passed on as a
    level, which the grid refuses with a French message)."""
    if code == ABSENT:
        return Saisie(apprenant_id, critere_id, Etat.ABSENT, commentaire=commentaire)
    if code == NON_EVALUE:
        return Saisie(apprenant_id, critere_id, Etat.NON_EVALUE, commentaire=commentaire)
    try:
        niveau = int(code)
    except ValueError:
        niveau = -1
    return Saisie(apprenant_id, critere_id, Etat.EVALUE, niveau=niveau,
                  commentaire=commentaire)


def lire(stage: StagePFMP, donnees, cartes_: list[Carte]) -> tuple[list[Saisie], dict]:
    """The posted cards as entries and the versions they were made from; a card left without
    a choice (and never evaluated) is no entry."""
    saisies, versions = [], {}
    for carte in cartes_:
        code = (donnees.get(f"valeur-{carte.nom}") or "").strip()
        commentaire = (donnees.get(f"commentaire-{carte.nom}") or "").strip()
        carte.valeur, carte.commentaire = code, commentaire
        try:
            carte.version = int(donnees.get(f"version-{carte.nom}") or 0)
        except ValueError:
            carte.version = 0
        if not code:
            continue
        saisies.append(saisie_du_code(stage.apprenant_id, carte.critere.pk, code, commentaire))
        versions[(stage.apprenant_id, carte.critere.pk)] = carte.version
    return saisies, versions


def enregistrer(stage: StagePFMP, auteur, donnees, cartes_: list[Carte]) -> Resultat:
    """Save the posted cards all or nothing (``SaisieInvalide`` on bad input). On conflicts
    nothing is saved: each card concerned gets the other value and its version, so that
    saving again replaces it knowingly."""
    saisies, versions = lire(stage, donnees, cartes_)
    resultat = enregistrer_grille(stage.periode.situation, auteur, saisies, versions)
    par_critere = {c.critere.pk: c for c in cartes_}
    for conflit in resultat.conflits:
        carte = par_critere[conflit.saisie.critere_id]
        carte.conflit, carte.version = conflit.courante, conflit.courante.version
    return resultat


def choix(stage: StagePFMP) -> list[tuple[str, str]]:
    """The level buttons: the referential's scale, then "absent" and "non évalué"."""
    return ([(str(n.valeur), f"{n.valeur} – {n.libelle}")
             for n in echelle(stage.periode.situation)]
            + [(ABSENT, _("Absent")), (NON_EVALUE, _("Non évalué"))])
