"""The master's entries: one per stretch of company weeks (from the calendar), rewritten as
often as needed; every earlier wording stays in the history (``EntreeMaitre.history``)."""
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cpro_platform.etablissements.models import aujourdhui

from .calendrier import PeriodeEntreprise, periodes_entreprise
from .models import Contrat, EntreeMaitre


def periode_du(contrat: Contrat, debut: datetime.date) -> PeriodeEntreprise:
    for periode in periodes_entreprise(contrat):
        if periode.debut == debut:
            return periode
    raise ValidationError({"debut": _(
        "Aucune période en entreprise ne commence le %(date)s dans le calendrier de "
        "l'alternance.") % {"date": debut.strftime("%d/%m/%Y")}})


@transaction.atomic
def ecrire_entree(contrat: Contrat, debut: datetime.date, *, travaux: str, observations: str,
                  auteur) -> EntreeMaitre:
    periode = periode_du(contrat, debut)
    if periode.debut > aujourdhui():
        raise ValidationError({"debut": _(
            "La période en entreprise du %(date)s n'a pas commencé : les travaux confiés "
            "s'écrivent une fois la période commencée.") % {
            "date": periode.debut.strftime("%d/%m/%Y")}})
    travaux, observations = travaux.strip(), observations.strip()
    if not travaux:
        raise ValidationError({"travaux": _("Décrivez les travaux confiés sur la période.")})
    entree = contrat.entrees.filter(debut=periode.debut).first() or EntreeMaitre(
        contrat=contrat, debut=periode.debut)
    entree.fin, entree.travaux, entree.observations, entree.auteur = (
        periode.fin, travaux, observations, auteur)
    entree.save()
    return entree


def entrees_par_periode(contrat: Contrat) -> list[tuple[PeriodeEntreprise, EntreeMaitre | None]]:
    """Each company stretch with its entry (if written); entries whose stretch no longer
    exists in the calendar come last, with the stretch they were written for."""
    entrees = {e.debut: e for e in contrat.entrees.select_related("auteur")}
    lignes = []
    for periode in periodes_entreprise(contrat):
        lignes.append((periode, entrees.pop(periode.debut, None)))
    for entree in entrees.values():
        lignes.append((PeriodeEntreprise(entree.debut, entree.fin, 0), entree))
    return lignes
