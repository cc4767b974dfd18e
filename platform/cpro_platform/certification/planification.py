"""Planning a class's certification: its exam sessions, the épreuves they cover (read from the
referential tables, never retyped) and the CCF situations d'évaluation of its sous-épreuves.

Every write goes through ``verifier_modifiable``: once the session's commission has validated,
nothing of the session changes (``CertificationFigee``).
"""
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext as _

from cpro_platform.etablissements.models import (
    Apprenant, Classe, Inscription, Niveau, Tuteur, aujourdhui)
from cpro_platform.referentials.models import Competence, Epreuve, Mode
from cpro_platform.suivi.models import Lieu, Situation, TypeSituation

from .models import CertificationFigee, SessionExamen, SituationEvaluation

#: Years between a class's school year and its exam session (the end of its cycle).
ANNEES_AVANT_EXAMEN = {Niveau.TERMINALE: 0, Niveau.CAP2: 0, Niveau.PREMIERE: 1, Niveau.CAP1: 1,
                       Niveau.SECONDE: 2}


def annee_de_session(classe: Classe) -> int:
    """The session year a class prepares: the end year of its school year, plus the years
    left in its cycle (terminale 0, première 1, seconde 2; CAP 2e année 0, 1re année 1)."""
    return classe.annee.fin.year + ANNEES_AVANT_EXAMEN.get(classe.niveau, 0)


def annees_possibles(classe: Classe) -> range:
    """From the class's school year to its end-of-cycle session (a learner may sit early)."""
    return range(classe.annee.fin.year, annee_de_session(classe) + 1)


def ouvrir_session(classe: Classe, annee: int, auteur) -> SessionExamen:
    """Open the ``annee`` session of ``classe`` on the class's referential version."""
    if annee not in annees_possibles(classe):
        raise ValidationError({"annee": _(
            "La classe %(classe)s (%(annee_scolaire)s) ne peut préparer qu'une session entre "
            "%(debut)s et %(fin)s.") % {
            "classe": classe.nom, "annee_scolaire": classe.annee.code,
            "debut": annees_possibles(classe).start, "fin": annee_de_session(classe)}})
    try:
        with transaction.atomic():
            return SessionExamen.objects.create(classe=classe, annee=annee,
                                                referentiel=classe.referentiel, cree_par=auteur)
    except IntegrityError:
        raise ValidationError({"annee": _("La session %(annee)s de la classe %(classe)s est "
                                          "déjà ouverte.") % {"annee": annee,
                                                              "classe": classe.nom}}) from None


def verifier_modifiable(session: SessionExamen) -> None:
    if session.figee:
        raise CertificationFigee(_(
            "La commission d'évaluation de la session %(annee)s a validé : la session est "
            "figée, plus rien n'y est modifié.") % {"annee": session.annee})


# --- What the session covers --------------------------------------------------------------

def sous_epreuves(session: SessionExamen) -> QuerySet[Epreuve]:
    """The épreuves that get a mark: those not divided into sous-épreuves."""
    return (Epreuve.objects.filter(referentiel_id=session.referentiel_id,
                                   sous_epreuves__isnull=True)
            .select_related("parent").order_by("ordre", "pk"))


def sous_epreuves_ccf(session: SessionExamen) -> QuerySet[Epreuve]:
    return sous_epreuves(session).filter(mode=Mode.CCF)


@dataclass
class LigneEpreuve:
    epreuve: Epreuve
    competences: list[Competence]
    situations: list[SituationEvaluation] = field(default_factory=list)
    sous_epreuves: list["LigneEpreuve"] = field(default_factory=list)

    @property
    def ccf(self) -> bool:
        return self.epreuve.mode == Mode.CCF

    @property
    def duree(self) -> str:
        """``240`` minutes → "4 h", ``150`` → "2 h 30"."""
        minutes = self.epreuve.duree_minutes
        if not minutes:
            return ""
        heures, reste = divmod(minutes, 60)
        return f"{heures} h {reste:02d}" if reste else f"{heures} h"


def epreuves(session: SessionExamen) -> list[LigneEpreuve]:
    """The session's épreuves and sous-épreuves in referential order, with their compétences
    and, for CCF sous-épreuves, the planned situations (a constant number of queries)."""
    competences = Prefetch("competences", queryset=Competence.objects.order_by(
        "bloc__ordre", "ordre"))
    toutes = list(Epreuve.objects.filter(referentiel_id=session.referentiel_id)
                  .select_related("unite").prefetch_related(competences)
                  .order_by("ordre", "pk"))
    planifiees: dict[int, list[SituationEvaluation]] = {}
    for situation in situations(session):
        planifiees.setdefault(situation.epreuve_id, []).append(situation)
    lignes = {e.pk: LigneEpreuve(e, list(e.competences.all()), planifiees.get(e.pk, []))
              for e in toutes}
    racines = []
    for e in toutes:
        if e.parent_id in lignes:
            lignes[e.parent_id].sous_epreuves.append(lignes[e.pk])
        else:
            racines.append(lignes[e.pk])
    return racines


def situations(session: SessionExamen) -> QuerySet[SituationEvaluation]:
    return (session.situations.select_related("epreuve", "evaluateur", "professionnel__user",
                                              "professionnel__entreprise", "situation")
            .annotate(nb_apprenants=Count("apprenants", distinct=True),
                      nb_grilles=Count("grilles", distinct=True)))


# --- Who may be chosen --------------------------------------------------------------------

def apprenants_inscrits(classe: Classe) -> QuerySet[Apprenant]:
    """The learners enrolled in the class today."""
    return Apprenant.objects.filter(
        pk__in=Inscription.objects.actives(aujourdhui()).filter(classe=classe)
        .values("apprenant_id")).order_by("nom", "prenom", "pk")


def enseignants(classe: Classe):
    return classe.enseignants.order_by("last_name", "first_name", "pk")


def tuteurs(classe: Classe) -> QuerySet[Tuteur]:
    """Tutors and masters of an Encadrement of the class's learners."""
    return (Tuteur.objects.filter(encadrements__apprenant__in=apprenants_inscrits(classe))
            .select_related("user", "entreprise").distinct()
            .order_by("user__last_name", "user__first_name", "pk"))


def situations_certificatives(classe: Classe) -> QuerySet[Situation]:
    return (Situation.objects.filter(scenario__classe=classe,
                                     type=TypeSituation.CERTIFICATIVE)
            .select_related("epreuve").order_by("epreuve__ordre", "debut", "pk"))


# --- Situations d'évaluation ----------------------------------------------------------------

def erreurs_situation(situation: SituationEvaluation) -> dict[str, str]:
    """What is wrong with a situation d'évaluation (not its learners, checked by the form)."""
    session, erreurs = situation.session, {}
    epreuve = situation.epreuve if situation.epreuve_id else None
    if epreuve is not None and epreuve.referentiel_id != session.referentiel_id:
        erreurs["epreuve"] = _("L'épreuve %(code)s n'appartient pas au référentiel de la "
                               "session.") % {"code": epreuve.code}
    elif epreuve is not None and epreuve.mode != Mode.CCF:
        erreurs["epreuve"] = _(
            "%(code)s n'est pas une sous-épreuve en CCF (mode : %(mode)s) : seules les "
            "sous-épreuves évaluées en contrôle en cours de formation reçoivent des situations "
            "d'évaluation.") % {"code": epreuve.code,
                                "mode": epreuve.get_mode_display() or _("non précisé")}
    if situation.debut and situation.fin and situation.fin < situation.debut:
        erreurs["fin"] = _("La date de fin précède la date de début.")
    if situation.professionnel_id and situation.professionnel_nom:
        erreurs["professionnel_nom"] = _("Choisissez un tuteur ou saisissez le nom d'un "
                                         "professionnel, pas les deux.")
    elif situation.professionnel_nom and not situation.professionnel_fonction:
        erreurs["professionnel_fonction"] = _("Indiquez la fonction du professionnel.")
    elif situation.lieu == Lieu.ENTREPRISE and not (situation.professionnel_id
                                                    or situation.professionnel_nom):
        erreurs["professionnel"] = _("En entreprise, un professionnel évalue avec "
                                     "l'enseignant : choisissez un tuteur ou saisissez son nom "
                                     "et sa fonction.")
    lien = situation.situation if situation.situation_id else None
    if lien is not None and epreuve is not None and lien.epreuve_id != epreuve.pk:
        erreurs["situation"] = _(
            "La situation de formation « %(titre)s » est rattachée à l'épreuve %(sienne)s, "
            "pas à %(code)s.") % {"titre": lien.titre, "code": epreuve.code,
                                  "sienne": lien.epreuve.code if lien.epreuve_id else "—"}
    return erreurs


@transaction.atomic
def enregistrer_situation(situation: SituationEvaluation, apprenants) -> SituationEvaluation:
    """Save a situation d'évaluation and its learners, all or nothing."""
    verifier_modifiable(situation.session)
    if erreurs := erreurs_situation(situation):
        raise ValidationError(erreurs)
    if not apprenants:
        raise ValidationError({"apprenants": _("Cochez au moins un apprenant concerné.")})
    situation.save()
    situation.apprenants.set(apprenants)
    return situation


@transaction.atomic
def supprimer_situation(situation: SituationEvaluation) -> None:
    """Delete a situation d'évaluation, while no grid refers to it."""
    verifier_modifiable(situation.session)
    n = situation.grilles.count()
    if n:
        raise ValidationError(_(
            "La situation « %(intitule)s » a déjà %(n)s grille(s) d'évaluation : elle ne peut "
            "plus être supprimée.") % {"intitule": situation.intitule, "n": n})
    situation.delete()
