"""Writing fiches d'activité: declare, edit, review. Each runs in one transaction: bad input
writes nothing (no row, no photo file). Every change is a new row of the sheet's history
(``FicheActivite.history``), and bumps the learner's livret (``activites.signaux``)."""
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpro_platform.apprentissage.models import Contrat
from cpro_platform.etablissements.models import Apprenant

from . import photos as ph
from .models import EtatFiche, FicheActivite, PhotoFiche
from .regles import rattacher, verifier_modifiable


@dataclass
class Contenu:
    """What the learner writes on a sheet (the form's cleaned data)."""

    date: object
    description: str
    vehicule: str = ""
    activites: Iterable = ()
    competences: Iterable = ()
    #: New files, not yet checked (``photos.verifier_photos`` checks them).
    photos: list = field(default_factory=list)
    #: Photos of the sheet to remove.
    retirees: Iterable[PhotoFiche] = ()


def competences_proposees(activites) -> list:
    """The compétences the chosen RAP activities mobilise (the form's proposal)."""
    vues = {}
    for activite in activites:
        for competence in activite.competences.all():
            vues.setdefault(competence.pk, competence)
    return list(vues.values())


def _ecrire(fiche: FicheActivite, contenu: Contenu) -> None:
    retirees = [p for p in contenu.retirees if p.fiche_id == fiche.pk]
    gardees = (fiche.photos.count() if fiche.pk else 0) - len(retirees)
    try:
        verifiees = ph.verifier_photos(contenu.photos, deja=gardees)
    except ValidationError as erreur:
        raise ValidationError({"photos": erreur.messages}) from None
    cadre = rattacher(fiche.apprenant, contenu.date)
    fiche.stage, fiche.contrat = (None, cadre) if isinstance(cadre, Contrat) else (cadre, None)
    fiche.date, fiche.description, fiche.vehicule = (contenu.date, contenu.description,
                                                     contenu.vehicule)
    if not fiche.description.strip():
        raise ValidationError({"description": _("Décrivez ce que vous avez fait.")})
    ecrites: list[PhotoFiche] = []
    try:
        with transaction.atomic():
            fiche.save()
            fiche.activites.set(contenu.activites)
            fiche.competences.set(contenu.competences or competences_proposees(
                contenu.activites))
            for photo in retirees:
                photo.delete()
            ph.ajouter_photos(fiche, verifiees, ecrites)
    except BaseException:
        ph.effacer(ecrites)
        raise
    ph.effacer(retirees)  # committed: nothing points to them any more


def declarer(apprenant: Apprenant, auteur, contenu: Contenu) -> FicheActivite:
    """A new sheet of ``apprenant``, declared by them or by a teacher of their class."""
    fiche = FicheActivite(apprenant=apprenant, auteur=auteur, etat=EtatFiche.DECLAREE)
    fiche._history_user = auteur
    _ecrire(fiche, contenu)
    return fiche


def modifier(fiche: FicheActivite, auteur, contenu: Contenu) -> FicheActivite:
    """Edit a sheet still "déclarée" or "à revoir"; an edited "à revoir" sheet goes back to
    the tutor as "déclarée"."""
    verifier_modifiable(fiche)
    fiche.etat = EtatFiche.DECLAREE
    fiche._history_user = auteur
    _ecrire(fiche, contenu)
    return fiche


def relire(fiche: FicheActivite, relecteur, etat: str, commentaire: str = "") -> FicheActivite:
    """The tutor or master confirms the sheet, or sends it back "à revoir" with a comment."""
    if fiche.etat == EtatFiche.CONFIRMEE:
        raise ValidationError(_("Cette fiche est déjà confirmée."))
    if etat not in (EtatFiche.CONFIRMEE, EtatFiche.A_REVOIR):
        raise ValidationError({"etat": _("Choisissez « Confirmer » ou « À revoir ».")})
    commentaire = (commentaire or "").strip()
    if etat == EtatFiche.A_REVOIR and not commentaire:
        raise ValidationError({"commentaire": _(
            "Dites à l'apprenant ce qui est à revoir : le commentaire est obligatoire.")})
    # The comment is the latest review's (an earlier "à revoir" one stays in the history).
    fiche.etat, fiche.relue_par, fiche.relue_le = etat, relecteur, timezone.now()
    fiche.commentaire_tuteur = commentaire
    fiche._history_user = relecteur
    fiche.save()
    return fiche
