"""What every stored mark of a bilan shares (``NoteArretee``: an épreuve's ``Note``, a
period's ``NoteDePeriode``): the append-only write and the team's modulation.

* :func:`arreter` adds the new current row and retires the previous one, under a lock on the
  bilan (one writer at a time): history is never rewritten;
* :func:`moduler` moves a computed mark by at most ±2 points (``regles.MODULATION_MAX``),
  with a mandatory reason, the mark retained staying between 0 and 20 — a new row, the
  computed mark and its explanation unchanged. A refused request writes nothing.
"""
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cpro_platform.regles import MODULATION_MAX, NOTE_SUR

from .models import Bilan, NoteArretee

#: Fields a modulation sets itself; every other field of the mark is carried over.
_NOUVEAUX = {"id", "bilan", "note", "modulation", "motif", "courante", "auteur", "cree_le"}


def arreter(modele: type[NoteArretee], bilan: Bilan, cle: dict, **champs) -> NoteArretee:
    """Store a new current mark of ``bilan`` (``cle``: which one, e.g. ``{"epreuve": e}``)."""
    with transaction.atomic():
        Bilan.objects.select_for_update().filter(pk=bilan.pk).first()  # one writer at a time
        modele.objects.filter(bilan=bilan, courante=True, **cle).update(courante=False)
        return modele.objects.create(bilan=bilan, courante=True, **cle, **champs)


def lire_modulation(texte: str) -> Decimal:
    try:
        valeur = Decimal((texte or "0").strip().replace(",", ".") or "0")
    except InvalidOperation:
        raise ValidationError(_("« %(texte)s » n’est pas un nombre de points.") % {
            "texte": texte}) from None
    if not valeur.is_finite():
        raise ValidationError(_("« %(texte)s » n’est pas un nombre de points.") % {
            "texte": texte})
    return valeur


def moduler(note: NoteArretee, modulation: Decimal, motif: str, auteur) -> NoteArretee:
    """A new current row with the same computed mark, moved by ``modulation`` points."""
    motif = (motif or "").strip()
    erreurs = {}
    if abs(modulation) > MODULATION_MAX:
        erreurs["modulation"] = _(
            "La modulation est limitée à ±%(max)s points : %(valeur)s est refusé.") % {
            "max": MODULATION_MAX, "valeur": modulation}
    elif modulation != modulation.quantize(Decimal("0.01")):
        erreurs["modulation"] = _("La modulation se donne au centième de point au plus.")
    elif modulation and not motif:
        erreurs["motif"] = _("Une modulation doit être motivée : indiquez la raison.")
    elif not 0 <= note.note_calculee + modulation <= NOTE_SUR:
        erreurs["modulation"] = _(
            "La note retenue doit rester entre 0 et %(sur)s : %(calculee)s %(signe)s "
            "%(points)s en sort.") % {"sur": NOTE_SUR, "calculee": note.note_calculee,
                                     "signe": "+" if modulation >= 0 else "−",
                                     "points": abs(modulation)}
    if not note.courante:
        erreurs["modulation"] = _("Cette note a été remplacée entre-temps : rechargez la page.")
    if erreurs:
        raise ValidationError(erreurs)
    gardes = {f.name: getattr(note, f.name) for f in note._meta.concrete_fields
              if f.name not in _NOUVEAUX}
    cle = {champ: gardes.pop(champ) for champ in note.CLE}
    return arreter(type(note), note.bilan, cle, **gardes, modulation=modulation,
                   motif=motif if modulation else "", note=note.note_calculee + modulation,
                   auteur=auteur)
