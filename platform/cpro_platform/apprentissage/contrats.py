"""The rules a contract keeps, and the master's dated link that follows it.

A contract is saved only through ``enregistrer_contrat``: the apprentice must have the statut
apprenti over the whole contract, the master must work for the employer, two contracts of the
same apprentice may not overlap. The master's ``Encadrement`` (type maître) is made with the
contract and moves with its dates; a change of master ends the former master's link today.
"""
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cpro_platform.etablissements.models import (
    Apprenant, Encadrement, Statut, TypeEncadrement, aujourdhui)

from .calendrier import lundi_de
from .models import Contrat

UN_JOUR = datetime.timedelta(days=1)


def _date(d: datetime.date) -> str:
    return d.strftime("%d/%m/%Y")


def jours_sans_statut_apprenti(apprenant: Apprenant, debut: datetime.date,
                               fin: datetime.date) -> tuple[datetime.date, datetime.date] | None:
    """The first stretch of [debut, fin] where ``apprenant`` has no Parcours "apprenti"."""
    jour = debut
    for parcours in apprenant.parcours.filter(statut=Statut.APPRENTI).order_by("debut"):
        if parcours.fin is not None and parcours.fin < jour:
            continue
        if parcours.debut > jour:
            return jour, min(parcours.debut - UN_JOUR, fin)
        if parcours.fin is None or parcours.fin >= fin:
            return None
        jour = parcours.fin + UN_JOUR
    return jour, fin


def verifier(contrat: Contrat) -> None:
    """Raise a ValidationError naming each field that breaks a rule, and why."""
    erreurs = {}
    if contrat.debut and contrat.fin and contrat.fin < contrat.debut:
        erreurs["fin"] = _("La fin du contrat précède son début.")
    if contrat.maitre_id and contrat.employeur_id and \
            contrat.maitre.entreprise_id != contrat.employeur_id:
        erreurs["maitre"] = _("%(maitre)s n'est pas maître d'apprentissage chez %(employeur)s : "
                              "choisissez un tuteur de l'employeur.") % {
            "maitre": contrat.maitre, "employeur": contrat.employeur.nom}
    if erreurs or not (contrat.apprenant_id and contrat.debut and contrat.fin):
        if erreurs:
            raise ValidationError(erreurs)
        return
    trou = jours_sans_statut_apprenti(contrat.apprenant, contrat.debut, contrat.fin)
    if trou:
        erreurs["apprenant"] = _(
            "%(nom)s n'a pas le statut d'apprenti du %(du)s au %(au)s : son parcours doit être "
            "« Apprenti » sur toute la durée du contrat.") % {
            "nom": contrat.apprenant.nom_complet, "du": _date(trou[0]), "au": _date(trou[1])}
    autre = (Contrat.objects.filter(apprenant_id=contrat.apprenant_id, debut__lte=contrat.fin,
                                    fin__gte=contrat.debut)
             .exclude(pk=contrat.pk).select_related("employeur").first())
    if autre:
        erreurs["debut"] = _("Ce contrat chevauche le contrat de l'apprenti chez %(employeur)s "
                             "du %(du)s au %(au)s.") % {
            "employeur": autre.employeur.nom, "du": _date(autre.debut), "au": _date(autre.fin)}
    if erreurs:
        raise ValidationError(erreurs)


def _lien(contrat: Contrat, debut: datetime.date) -> Encadrement:
    return Encadrement.objects.create(tuteur=contrat.maitre, apprenant=contrat.apprenant,
                                      type=TypeEncadrement.MAITRE_APPRENTISSAGE, debut=debut,
                                      fin=contrat.fin)


def _suivre_le_maitre(contrat: Contrat) -> None:
    """The master's link follows the contract: same dates, or ended for a former master."""
    lien = contrat.encadrement
    if lien is None:
        contrat.encadrement = _lien(contrat, contrat.debut)
    elif lien.tuteur_id != contrat.maitre_id or lien.apprenant_id != contrat.apprenant_id:
        # The former master keeps what they had up to yesterday (the audit log shows it).
        aujourd_hui = aujourdhui()
        lien.terminer(aujourd_hui)
        contrat.encadrement = _lien(contrat, max(contrat.debut, aujourd_hui))
    else:
        lien.debut, lien.fin = contrat.debut, contrat.fin
        lien.save()
        return
    contrat.save(update_fields=["encadrement"])


@transaction.atomic
def enregistrer_contrat(contrat: Contrat) -> Contrat:
    """Check and save ``contrat``, move its master's link, drop calendar weeks left outside."""
    # One apprentice's contracts are checked one save at a time (no two overlapping creations).
    Apprenant.objects.select_for_update().filter(pk=contrat.apprenant_id).first()
    verifier(contrat)
    contrat.save()
    _suivre_le_maitre(contrat)
    contrat.semaines.exclude(lundi__gte=lundi_de(contrat.debut),
                             lundi__lte=lundi_de(contrat.fin)).delete()
    return contrat
