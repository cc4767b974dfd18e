"""Planning a class's PFMP periods.

A period owns a situation "en entreprise" of the class, in the class's scenario "Périodes en
entreprise" (made on first use), targeting the critères chosen among the class's referential:
the tutors evaluate them and the livret shows the period as one of its columns. Creating or
editing a period is all or nothing; refusals are French messages keyed by the field.
"""
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cpro_platform.suivi.models import Lieu, Scenario, Situation
from cpro_platform.suivi.scenarios import ordre_suivant

from .models import PeriodePFMP
from .semaines import jours_ouvres

#: The class's scenario holding its PFMP situations.
TITRE_SCENARIO = "Périodes en entreprise"


def _date(d: datetime.date) -> str:
    return date_format(d, "SHORT_DATE_FORMAT")


def scenario_de(classe) -> Scenario:
    scenario, _cree = Scenario.objects.get_or_create(
        classe=classe, referentiel=classe.referentiel, titre=TITRE_SCENARIO,
        defaults={"description": _("Les situations en entreprise des périodes de PFMP de la "
                                   "classe, évaluées par les tuteurs.")})
    return scenario


def _erreurs(classe, periode, titre, debut, fin, semaines, criteres) -> dict:
    erreurs: dict[str, list[str]] = {}

    def refuser(champ: str, message: str) -> None:
        erreurs.setdefault(champ, []).append(message)

    if not (titre or "").strip():
        refuser("titre", _("Donnez un titre à la période (par exemple PFMP 1)."))
    if debut is None:
        refuser("debut", _("Indiquez la date de début de la période."))
    if fin is None:
        refuser("fin", _("Indiquez la date de fin de la période (dernier jour inclus)."))
    if debut and fin and fin < debut:
        refuser("fin", _("La fin de la période (%(fin)s) précède son début (%(debut)s).")
                % {"fin": _date(fin), "debut": _date(debut)})
    if semaines is not None and not 1 <= semaines <= 52:
        refuser("semaines", _("Le nombre de semaines doit être compris entre 1 et 52."))
    etrangers = [c for c in criteres if c.competence.referentiel_id != classe.referentiel_id]
    if etrangers:
        refuser("criteres", _("Ces critères n’appartiennent pas au référentiel de la classe : "
                              "%(codes)s.") % {"codes": ", ".join(c.code for c in etrangers)})
    if erreurs or debut is None or fin is None:
        return erreurs
    autres = PeriodePFMP.objects.filter(classe=classe, debut__lte=fin, fin__gte=debut)
    if periode is not None:
        autres = autres.exclude(pk=periode.pk)
    for autre in autres:
        refuser("debut", _("Ces dates chevauchent la période « %(titre)s » de la classe (du "
                           "%(debut)s au %(fin)s).") % {
            "titre": autre.titre, "debut": _date(autre.debut), "fin": _date(autre.fin)})
    if periode is not None:
        for stage in periode.stages.select_related("apprenant"):
            if stage.debut < debut or stage.fin > fin:
                refuser("debut" if stage.debut < debut else "fin", _(
                    "La PFMP de %(nom)s (du %(debut)s au %(fin)s) sortirait de la période : "
                    "modifiez d’abord ses dates.") % {
                    "nom": stage.apprenant.nom_complet, "debut": _date(stage.debut),
                    "fin": _date(stage.fin)})
    return erreurs


def enregistrer_periode(classe, *, titre: str, debut, fin, criteres, auteur,
                        semaines: int | None = None,
                        periode: PeriodePFMP | None = None) -> PeriodePFMP:
    """Create (``periode`` None) or edit a period of ``classe`` with its situation.

    ``semaines`` defaults to the period's working days ÷ 5 (whole weeks).
    :raises ValidationError: a dict field → messages; nothing is written.
    """
    criteres = list(criteres)
    erreurs = _erreurs(classe, periode, titre, debut, fin, semaines, criteres)
    if erreurs:
        raise ValidationError(erreurs)
    titre = titre.strip()
    if semaines is None:
        semaines = max(jours_ouvres(debut, fin) // 5, 1)
    with transaction.atomic():
        if periode is None:
            scenario = scenario_de(classe)
            situation = Situation.objects.create(
                scenario=scenario, ordre=ordre_suivant(scenario), titre=titre,
                lieu=Lieu.ENTREPRISE, debut=debut, fin=fin,
                description=_("Période de PFMP : critères évalués par les tuteurs."))
            periode = PeriodePFMP.objects.create(
                classe=classe, titre=titre, debut=debut, fin=fin, semaines=semaines,
                situation=situation, cree_par=auteur)
        else:
            situation = periode.situation
            situation.titre, situation.debut, situation.fin = titre, debut, fin
            situation.save()
            periode.titre, periode.debut, periode.fin = titre, debut, fin
            periode.semaines = semaines
            periode.save()
        situation.criteres.set(criteres)
    return periode
