"""Parsing of cell values, each failure a French message naming the column and the value."""
import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from .lecture import normaliser

FORMATS_DATE = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")


class ValeurInvalide(ValueError):
    """A cell that cannot be read; ``str()`` is the message (without the line number)."""


def date(texte: str, libelle: str) -> datetime.date | None:
    """A date written JJ/MM/AAAA (or AAAA-MM-JJ, as spreadsheets export dates); empty → None."""
    if not texte:
        return None
    for fmt in FORMATS_DATE:
        try:
            return datetime.datetime.strptime(texte, fmt).date()
        except ValueError:
            continue
    raise ValeurInvalide(_("%(libelle)s « %(valeur)s » invalide (format attendu JJ/MM/AAAA)")
                         % {"libelle": libelle, "valeur": texte})


def email(texte: str, libelle: str) -> str:
    try:
        validate_email(texte)
    except ValidationError:
        raise ValeurInvalide(_("%(libelle)s « %(valeur)s » invalide") % {
            "libelle": libelle, "valeur": texte}) from None
    return texte


def choix(texte: str, libelle: str, synonymes: dict[str, str]) -> str:
    """The value that ``texte`` names among ``synonymes`` ({normalised spelling: value})."""
    cle = normaliser(texte)
    if cle in synonymes:
        return synonymes[cle]
    raise ValeurInvalide(_("%(libelle)s « %(valeur)s » inconnu (valeurs acceptées : %(ok)s)")
                         % {"libelle": libelle, "valeur": texte,
                            "ok": ", ".join(sorted(set(synonymes.values())))})


def liste(texte: str) -> list[str]:
    """Several values in one cell, separated by commas, semicolons or vertical bars."""
    return [v.strip() for v in re.split(r"[,;|]", texte or "") if v.strip()]


def synonymes(*groupes: tuple[str, list[str]]) -> dict[str, str]:
    """{normalised spelling: value} from (value, [spellings…]) pairs."""
    return {normaliser(s): valeur for valeur, spellings in groupes for s in (valeur, *spellings)}
