"""What the following teacher records of a visit, a phone contact or the mid-period review."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cpro_platform.etablissements.models import aujourdhui

from .models import TypeVisite, Visite


def enregistrer_visite(stage, auteur, *, type: str, date, avec: str, notes: str) -> Visite:
    """Record a visit of ``stage``.

    A visit or a mid-period review takes place during the placement; none is recorded ahead
    of time. :raises ValidationError: field → messages; nothing is written.
    """
    erreurs: dict[str, list[str]] = {}
    if type not in TypeVisite.values:
        erreurs["type"] = [_("Choisissez le type : visite, bilan de mi-période ou contact.")]
    if date is None:
        erreurs["date"] = [_("Indiquez la date.")]
    elif date > aujourdhui():
        erreurs["date"] = [_("La date ne peut pas être dans le futur : on rend compte d’une "
                             "visite faite.")]
    elif type != TypeVisite.CONTACT and not stage.debut <= date <= stage.fin:
        erreurs["date"] = [_("Une visite ou un bilan de mi-période a lieu pendant la PFMP "
                             "(du %(debut)s au %(fin)s).") % {
            "debut": date_format(stage.debut, "SHORT_DATE_FORMAT"),
            "fin": date_format(stage.fin, "SHORT_DATE_FORMAT")}]
    if not (notes or "").strip():
        erreurs["notes"] = [_("Écrivez le compte rendu.")]
    if erreurs:
        raise ValidationError(erreurs)
    with transaction.atomic():
        return Visite.objects.create(stage=stage, type=type, date=date,
                                     avec=(avec or "").strip(), notes=notes.strip(),
                                     auteur=auteur)
