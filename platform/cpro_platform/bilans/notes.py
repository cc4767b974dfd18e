"""Marks /20 per épreuve from a validated bilan: computed by the gateway's mark rule
(``Regles.noter``) with the learner's pondération, modulated by the teacher within ±2 points
with a reason. Append-only: each computation or modulation adds a ``Note`` row and the
previous one stops being ``courante``; a refused request writes nothing.
"""
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cpro_platform.referentials.models import Epreuve, Niveau
from cpro_platform.referentials.regles import ref_de
from cpro_platform.regles import (
    MODULATION_MAX, NOTE_SUR, Incidents, NoteEpreuve, Ponderation, regles)

from .lecture import profil
from .models import Bilan, Note
from .ponderations import epreuve_observee, ponderation_de


def notes_courantes(bilan: Bilan) -> dict[int, Note]:
    """The bilan's current mark of each épreuve: épreuve id → ``Note``."""
    return {n.epreuve_id: n for n in bilan.notes.filter(courante=True)
            .select_related("epreuve", "auteur")}


def historique(bilan: Bilan, epreuve: Epreuve) -> list[Note]:
    return list(bilan.notes.filter(epreuve=epreuve).select_related("auteur")
                .order_by("-cree_le", "-pk"))


def explication(note: NoteEpreuve) -> dict:
    """The rule's answer as stored with the mark ("pourquoi cette note")."""
    return {
        "termes": [{"competence": t.competence, "niveau": t.niveau,
                    "pourcentage": str(t.pourcentage), "fraction": str(t.fraction),
                    "points": str(t.points)} for t in note.termes],
        "manquantes": list(note.manquantes), "formule": note.formule, "calcul": note.calcul,
        "regle": note.regle, "sur": note.sur,
    }


def calculer_sans_enregistrer(bilan: Bilan, epreuve: Epreuve,
                              incidents: Incidents | None = None
                              ) -> tuple[NoteEpreuve | None, Ponderation | None]:
    """The mark the rule gives now (nothing written); ``None`` where a rule failed (recorded
    in ``incidents``; without it ``ErreurDeRegle`` is raised)."""
    observee = epreuve_observee(epreuve)
    ponderation = ponderation_de(bilan.apprenant, epreuve, observee, incidents)
    if ponderation is None:
        return None, None
    echelle = tuple(Niveau.objects.filter(referentiel_id=bilan.referentiel_id)
                    .order_by("valeur").values_list("valeur", flat=True))
    note = regles().noter(ref_de(bilan.referentiel), observee, profil(bilan), ponderation,
                          echelle, incidents=incidents)
    return note, ponderation


def _remplacer(bilan: Bilan, epreuve: Epreuve, **champs) -> Note:
    with transaction.atomic():
        Bilan.objects.select_for_update().filter(pk=bilan.pk).first()  # one writer at a time
        bilan.notes.filter(epreuve=epreuve, courante=True).update(courante=False)
        return Note.objects.create(bilan=bilan, epreuve=epreuve, courante=True, **champs)


def calculer(bilan: Bilan, epreuve: Epreuve, auteur) -> Note:
    """Compute and store the mark (no modulation). Raises ``ValidationError`` (French) when
    the bilan is not validated or nothing can be marked, ``ErreurDeRegle`` when a plugin's
    rule fails."""
    if not bilan.valide:
        raise ValidationError(_("Une note se calcule sur un bilan validé : validez d’abord le "
                                "bilan."))
    note, ponderation = calculer_sans_enregistrer(bilan, epreuve)
    if note is None or note.note is None:
        raise ValidationError(_("Aucune compétence pondérée de l’épreuve %(code)s n’a de "
                                "niveau dans ce bilan : pas de note possible.") % {
            "code": epreuve.code})
    return _remplacer(bilan, epreuve, note_calculee=note.note, modulation=Decimal(0),
                      motif="", note=note.note, auteur=auteur,
                      ponderation={"origine": ponderation.origine, "poids": {
                          p.competence: str(p.pourcentage) for p in ponderation.poids}},
                      explication=explication(note))


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


def moduler(note: Note, modulation: Decimal, motif: str, auteur) -> Note:
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
    return _remplacer(note.bilan, note.epreuve, note_calculee=note.note_calculee,
                      modulation=modulation, motif=motif if modulation else "",
                      note=note.note_calculee + modulation, auteur=auteur,
                      ponderation=note.ponderation, explication=note.explication)
