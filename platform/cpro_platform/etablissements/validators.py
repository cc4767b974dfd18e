"""Checks of the French identifiers: UAI (establishment), SIRET (company), INE (learner)."""
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The UAI key letter is the 7-digit number modulo 23 in this alphabet (no I, O, Q).
UAI_KEY_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
LA_POSTE_SIREN = "356000000"


def uai_key(digits: str) -> str:
    return UAI_KEY_LETTERS[int(digits) % 23]


def validate_uai(value: str) -> None:
    if not re.fullmatch(r"[0-9]{7}[A-Z]", value or ""):
        raise ValidationError(
            _("« %(value)s » n'est pas un code UAI : 7 chiffres suivis d'une lettre majuscule, "
              "par exemple 0750655E."), params={"value": value}, code="uai_format")
    if uai_key(value[:7]) != value[7]:
        raise ValidationError(
            _("La lettre clé du code UAI « %(value)s » ne correspond pas à ses chiffres : "
              "vérifiez le code sur l'annuaire de l'éducation."),
            params={"value": value}, code="uai_cle")


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        n = int(char)
        if index % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def validate_siret(value: str) -> None:
    if not re.fullmatch(r"[0-9]{14}", value or ""):
        raise ValidationError(
            _("« %(value)s » n'est pas un SIRET : 14 chiffres, sans espace."),
            params={"value": value}, code="siret_format")
    # La Poste's establishments share one SIREN and use a digit-sum rule instead of Luhn.
    valid = (sum(map(int, value)) % 5 == 0) if value.startswith(LA_POSTE_SIREN) else luhn_ok(value)
    if not valid:
        raise ValidationError(
            _("Le SIRET « %(value)s » est invalide (clé de contrôle) : vérifiez les chiffres."),
            params={"value": value}, code="siret_cle")


def validate_ine(value: str) -> None:
    # Several INE formats coexist (INE-RNIE, INE-BEA, INE-Base 36…): all are 11 characters.
    if not re.fullmatch(r"[0-9A-Z]{11}", value or ""):
        raise ValidationError(
            _("« %(value)s » n'est pas un INE : 11 caractères, chiffres et lettres majuscules."),
            params={"value": value}, code="ine_format")
