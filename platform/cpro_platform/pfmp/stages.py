"""A learner's placement for a period, and the tutor's access that goes with it.

The tutor reaches the learner through an ``Encadrement`` (type tuteur) dated like the
placement plus its closing delay (``cloture``): it is made with the placement, follows its dates, and when the tutor changes the
former tutor's link ends (yesterday, or is withdrawn if it had not started) and the new
tutor's starts (today, or at the placement's start if later). All or nothing; refusals are
French messages keyed by the field.
"""
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cpro_platform.comptes.models import Role, TypeRole
from cpro_platform.etablissements.models import (
    Encadrement, Inscription, TypeEncadrement, aujourdhui)

from .cloture import fin_d_acces
from .models import StagePFMP
from .semaines import jours_ouvres


def _date(d: datetime.date) -> str:
    return date_format(d, "SHORT_DATE_FORMAT")


@dataclass
class DonneesStage:
    """What the placement form gives (absences and the attestation's texts apart)."""

    entreprise: object
    tuteur: object | None
    enseignant_referent: object | None
    debut: datetime.date | None
    fin: datetime.date | None
    adresse: str = ""
    horaires: str = ""
    heures_hebdo: Decimal | None = None


def _erreurs(periode, apprenant, d: DonneesStage, stage: StagePFMP | None) -> dict:
    erreurs: dict[str, list[str]] = {}

    def refuser(champ: str, message: str) -> None:
        erreurs.setdefault(champ, []).append(message)

    classe = periode.classe
    if not Inscription.objects.filter(apprenant=apprenant, classe=classe).exists():
        refuser("apprenant", _("%(nom)s n’est pas inscrit(e) dans la classe %(classe)s.")
                % {"nom": apprenant.nom_complet, "classe": classe.nom})
    if d.entreprise is None:
        refuser("entreprise", _("Choisissez l’entreprise d’accueil."))
    elif d.entreprise.etablissement_id != classe.etablissement_id:
        refuser("entreprise", _("Cette entreprise n’est pas enregistrée par l’établissement "
                                "de la classe."))
    if d.tuteur is not None and d.entreprise is not None \
            and d.tuteur.entreprise_id != d.entreprise.pk:
        refuser("tuteur", _("%(tuteur)s est tuteur chez %(autre)s, pas chez %(entreprise)s.")
                % {"tuteur": d.tuteur.user.get_full_name() or d.tuteur.user.get_username(),
                   "autre": d.tuteur.entreprise.nom, "entreprise": d.entreprise.nom})
    if d.enseignant_referent is not None and not Role.objects.filter(
            user=d.enseignant_referent, etablissement_id=classe.etablissement_id,
            type=TypeRole.ENSEIGNANT).actives().exists():
        refuser("enseignant_referent", _("L’enseignant qui suit doit être enseignant de "
                                         "l’établissement."))
    if d.heures_hebdo is not None and not Decimal(0) < d.heures_hebdo <= Decimal(48):
        refuser("heures_hebdo", _("Les heures par semaine doivent être comprises entre 0 et "
                                  "48."))
    if d.debut is None:
        refuser("debut", _("Indiquez la date de début de la PFMP."))
    if d.fin is None:
        refuser("fin", _("Indiquez la date de fin de la PFMP (dernier jour inclus)."))
    if d.debut is None or d.fin is None:
        return erreurs
    if d.fin < d.debut:
        refuser("fin", _("La fin de la PFMP (%(fin)s) précède son début (%(debut)s).")
                % {"fin": _date(d.fin), "debut": _date(d.debut)})
    periode_dit = {"titre": periode.titre, "debut": _date(periode.debut),
                   "fin": _date(periode.fin)}
    if d.debut < periode.debut or d.debut > periode.fin:
        refuser("debut", _("Le début doit être dans la période « %(titre)s » (du %(debut)s au "
                           "%(fin)s).") % periode_dit)
    if d.fin > periode.fin or d.fin < periode.debut:
        refuser("fin", _("La fin doit être dans la période « %(titre)s » (du %(debut)s au "
                         "%(fin)s).") % periode_dit)
    autres = StagePFMP.objects.filter(apprenant=apprenant, debut__lte=d.fin, fin__gte=d.debut)
    if stage is not None:
        autres = autres.exclude(pk=stage.pk)
    for autre in autres.select_related("periode", "entreprise"):
        refuser("debut", _("%(nom)s est déjà en PFMP chez %(entreprise)s du %(debut)s au "
                           "%(fin)s (%(titre)s) : les dates se chevauchent.") % {
            "nom": apprenant.nom_complet, "entreprise": autre.entreprise.nom,
            "debut": _date(autre.debut), "fin": _date(autre.fin), "titre": autre.periode.titre})
    if stage is None and StagePFMP.objects.filter(periode=periode, apprenant=apprenant).exists():
        refuser("apprenant", _("%(nom)s a déjà une PFMP pour la période « %(titre)s » : "
                               "modifiez-la.") % {"nom": apprenant.nom_complet,
                                                  "titre": periode.titre})
    return erreurs


def _nouvel_encadrement(stage: StagePFMP, debut: datetime.date) -> Encadrement:
    return Encadrement.objects.create(tuteur=stage.tuteur, apprenant=stage.apprenant,
                                      type=TypeEncadrement.TUTEUR_STAGE, debut=debut,
                                      fin=fin_d_acces(stage.fin))


def _suivre_le_stage(stage: StagePFMP, ancien_debut: datetime.date | None,
                     ancien_tuteur_id: int | None) -> None:
    """Make the tutor's link match the placement (see the module)."""
    lien = stage.encadrement
    if lien is not None and stage.tuteur_id != ancien_tuteur_id:
        stage.encadrement = None
        lien.fin = min(lien.fin or stage.fin, stage.fin)
        lien.terminer()  # yesterday at the latest; withdrawn if not started
        lien = None
    if stage.tuteur is None:
        return
    if lien is None:
        debut = stage.debut
        if ancien_tuteur_id and aujourdhui() <= stage.fin:
            debut = max(stage.debut, aujourdhui())  # takes over from today
        stage.encadrement = _nouvel_encadrement(stage, debut)
        return
    # Same tutor: the link keeps its own start if it began after the placement's (a tutor
    # who took over mid-way), else it moves with the placement's start.
    if ancien_debut is None or lien.debut <= ancien_debut:
        lien.debut = stage.debut
    lien.debut = min(max(lien.debut, stage.debut), stage.fin)
    lien.fin = fin_d_acces(stage.fin)
    lien.save()


def enregistrer_stage(periode, apprenant, donnees: DonneesStage,
                      stage: StagePFMP | None = None) -> StagePFMP:
    """Create (``stage`` None) or edit a learner's placement for ``periode``.

    :raises ValidationError: a dict field → messages; nothing is written.
    """
    erreurs = _erreurs(periode, apprenant, donnees, stage)
    if erreurs:
        raise ValidationError(erreurs)
    with transaction.atomic():
        ancien_debut = stage.debut if stage else None
        ancien_tuteur_id = stage.tuteur_id if stage else None
        stage = stage or StagePFMP(periode=periode, apprenant=apprenant)
        for champ in ("entreprise", "tuteur", "enseignant_referent", "debut", "fin",
                      "heures_hebdo"):
            setattr(stage, champ, getattr(donnees, champ))
        stage.adresse = (donnees.adresse or "").strip()
        stage.horaires = (donnees.horaires or "").strip()
        _suivre_le_stage(stage, ancien_debut, ancien_tuteur_id)
        stage.save()
    return stage


def enregistrer_attestation(stage: StagePFMP, *, jours_absence, absences_detail: str,
                            activites_realisees: str, appreciation_tuteur: str
                            ) -> StagePFMP:
    """Absences, activities done and the tutor's appreciation: what the attestation states.

    :raises ValidationError: days of absence negative or beyond the placement's working days.
    """
    jours = Decimal(jours_absence if jours_absence is not None else 0)
    ouvres = jours_ouvres(stage.debut, stage.fin)
    if jours < 0 or jours > ouvres or jours % Decimal("0.5"):
        raise ValidationError({"jours_absence": [_(
            "Les jours d’absence vont de 0 à %(n)s (les jours ouvrés de la PFMP), par "
            "demi-journées.") % {"n": ouvres}]})
    with transaction.atomic():
        stage.jours_absence = jours
        stage.absences_detail = absences_detail.strip()
        stage.activites_realisees = activites_realisees.strip()
        stage.appreciation_tuteur = appreciation_tuteur.strip()
        stage.save()
    return stage
