"""Placing a learner on a compétence: a new Positionnement row, never an overwrite."""
import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cpro_platform.etablissements.models import Apprenant
from cpro_platform.referentials.models import Competence, Niveau
from cpro_platform.referentials.regles import ref_de
from cpro_platform.regles import Incidents, Suggestion
from cpro_platform.suivi.models import Situation

from .models import Positionnement
from .observations import Observateur, echelles, notes_courantes, suggerer


def suggestion_pour(apprenant: Apprenant, competence: Competence,
                    incidents: Incidents | None = None) -> Suggestion | None:
    """The rule's suggestion for one compétence, from the learner's current evaluations
    (``None`` when the rule failed: see :func:`.observations.suggerer`)."""
    criteres = {c.pk: c for c in competence.criteres.select_related("competence__referentiel")}
    notes_ = notes_courantes(apprenant=apprenant, critere_id__in=list(criteres))
    situations = Situation.objects.in_bulk({n.situation_id for n in notes_})
    observer = Observateur(situations, criteres)
    observees = sorted((observer(n) for n in notes_), key=lambda o: o.date)
    echelle = tuple(n.valeur for n in echelles([competence.referentiel_id])[
        competence.referentiel_id])
    return suggerer(ref_de(competence.referentiel), competence.code, observees, echelle,
                    incidents)


def positionner(apprenant: Apprenant, competence: Competence, *, niveau: int, auteur,
                date: datetime.date, commentaire: str = "",
                suggestion: Suggestion | None = None) -> Positionnement:
    """Record the teacher's level; a level other than the suggested one needs a comment.
    Without ``suggestion`` the rule is asked here, and its failure raises ``ErreurDeRegle``;
    a page that met the failure passes ``Suggestion(niveau=None, …)`` instead."""
    valeurs = set(Niveau.objects.filter(referentiel_id=competence.referentiel_id)
                  .values_list("valeur", flat=True))
    suggestion = suggestion if suggestion is not None else suggestion_pour(apprenant,
                                                                            competence)
    erreurs = {}
    if niveau not in valeurs:
        erreurs["niveau"] = _("Le niveau « %(niveau)s » n'est pas sur l'échelle du "
                              "référentiel (%(echelle)s).") % {
            "niveau": niveau, "echelle": ", ".join(str(v) for v in sorted(valeurs))}
    if (suggestion.niveau is not None and niveau != suggestion.niveau
            and not commentaire.strip()):
        erreurs["commentaire"] = _(
            "Vous retenez un autre niveau que le niveau suggéré (%(suggere)s) : expliquez "
            "pourquoi dans le commentaire.") % {"suggere": suggestion.niveau}
    if erreurs:
        raise ValidationError(erreurs)
    return Positionnement.objects.create(
        apprenant=apprenant, competence=competence, niveau=niveau, date=date, auteur=auteur,
        commentaire=commentaire.strip(), niveau_suggere=suggestion.niveau)
