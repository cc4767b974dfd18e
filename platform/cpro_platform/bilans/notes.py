"""Marks /20 per épreuve from a validated bilan: computed by the gateway's mark rule
(``Regles.noter``) with the learner's pondération, modulated by the teacher within ±2 points
with a reason. Append-only: each computation or modulation adds a ``Note`` row and the
previous one stops being ``courante``; a refused request writes nothing. The write and the
modulation are every stored mark's (``bilans.modulation``, re-exported here).
"""
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cpro_platform.referentials.models import Epreuve, Niveau
from cpro_platform.referentials.regles import ref_de
from cpro_platform.regles import Incidents, NoteEpreuve, Ponderation, regles

from .lecture import profil
from .models import Bilan, Note
from .modulation import arreter, lire_modulation, moduler
from .ponderations import epreuve_observee, ponderation_de

__all__ = ["arreter_note", "calculer", "calculer_sans_enregistrer", "champs_de_note",
           "explication", "historique", "lire_modulation", "moduler", "notes_courantes"]


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


def champs_de_note(note: NoteEpreuve, ponderation: Ponderation) -> dict:
    """A ``Note`` row's fields from the mark rule's answer (not modulated)."""
    return {"note_calculee": note.note, "modulation": Decimal(0), "motif": "", "note": note.note,
            "ponderation": {"origine": ponderation.origine, "poids": {
                p.competence: str(p.pourcentage) for p in ponderation.poids}},
            "explication": explication(note)}


def arreter_note(bilan: Bilan, epreuve: Epreuve, note: NoteEpreuve, ponderation: Ponderation,
                 auteur) -> Note:
    """Store the rule's mark of ``epreuve`` as the bilan's current one."""
    return arreter(Note, bilan, {"epreuve": epreuve}, auteur=auteur,
                   **champs_de_note(note, ponderation))


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
    return arreter_note(bilan, epreuve, note, ponderation, auteur)
