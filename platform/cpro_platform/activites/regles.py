"""The rules of a fiche d'activité: what it is attached to, and when it can no longer change.

* A sheet is attached to the learner's PFMP placement (``pfmp.StagePFMP``) or apprenticeship
  contract (``apprentissage.Contrat``) covering its date; without one it is refused.
* A placement or contract is **closed** to sheets ``DELAI_CLOTURE`` days after its last day
  (time for the learner to write up the last week, and for the tutor to read it), and a
  placement as soon as its attestation de PFMP is signed (the attestation states the
  activities: what follows would not be in it). A closed period takes no new sheet and no
  change to its sheets.
* A sheet is written by the learner (or a teacher of their class, on their behalf) while it
  is "déclarée" or "à revoir"; once the tutor confirmed it, nobody changes it.
"""
import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cpro_platform.apprentissage.models import Contrat
from cpro_platform.etablissements.models import Apprenant, aujourdhui
from cpro_platform.pfmp import cloture
from cpro_platform.pfmp.models import DocumentSigne, StagePFMP

from .models import EtatFiche, FicheActivite

#: Days after a placement's or contract's end during which its sheets may still be written:
#: the placement's closing delay, during which its tutor keeps access too.
DELAI_CLOTURE = cloture.DELAI_CLOTURE
#: The states in which the learner (or their teacher) may still edit a sheet.
ETATS_MODIFIABLES = (EtatFiche.DECLAREE, EtatFiche.A_REVOIR)


def cadre_de(apprenant: Apprenant, date: datetime.date) -> StagePFMP | Contrat | None:
    """The learner's placement, or else contract, covering ``date`` (2 queries at most)."""
    stage = (StagePFMP.objects.filter(apprenant=apprenant, debut__lte=date, fin__gte=date)
             .select_related("periode").first())
    if stage:
        return stage
    return Contrat.objects.filter(apprenant=apprenant, debut__lte=date, fin__gte=date).first()


def cloture(cadre: StagePFMP | Contrat, aujourdhui_: datetime.date | None = None) -> str | None:
    """Why ``cadre`` is closed to sheets (a French sentence), or None while it is open."""
    aujourdhui_ = aujourdhui_ or aujourdhui()
    limite = cadre.fin + datetime.timedelta(days=DELAI_CLOTURE)
    if isinstance(cadre, StagePFMP) and cadre.signatures.filter(
            document=DocumentSigne.ATTESTATION).exists():
        return _("L'attestation de cette PFMP est signée : ses fiches d'activité ne "
                 "changent plus.")
    if aujourdhui_ > limite:
        return _("Cette période s'est terminée le %(fin)s : les fiches d'activité se "
                 "saisissent jusqu'à %(delai)s jours après la fin, soit le %(limite)s.") % {
            "fin": cadre.fin.strftime("%d/%m/%Y"), "delai": DELAI_CLOTURE,
            "limite": limite.strftime("%d/%m/%Y")}
    return None


def rattacher(apprenant: Apprenant, date: datetime.date | None) -> StagePFMP | Contrat:
    """The open placement or contract a sheet dated ``date`` belongs to; otherwise a
    ValidationError on the field ``date`` saying why, in French."""
    if date is None:
        raise ValidationError({"date": _("Indiquez la date de l'activité.")})
    if date > aujourdhui():
        raise ValidationError({"date": _("Cette date est dans le futur : déclarez une "
                                         "activité une fois réalisée.")})
    cadre = cadre_de(apprenant, date)
    if cadre is None:
        raise ValidationError({"date": _(
            "Aucune PFMP ni aucun contrat d'apprentissage ne couvre le %(date)s : une fiche "
            "d'activité se rattache à une période en entreprise.") % {
            "date": date.strftime("%d/%m/%Y")}})
    raison = cloture(cadre)
    if raison:
        raise ValidationError({"date": raison})
    return cadre


def verifier_modifiable(fiche: FicheActivite) -> None:
    """Refuse a change to a confirmed sheet, or to one whose period is closed."""
    if fiche.etat not in ETATS_MODIFIABLES:
        raise ValidationError(_("Cette fiche a été confirmée par le tuteur : elle ne peut "
                                "plus être modifiée."))
    cadre = fiche.stage or fiche.contrat
    raison = cadre and cloture(cadre)
    if raison:
        raise ValidationError(raison)
