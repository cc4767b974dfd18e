"""Every write that changes what the summary (:mod:`.resume`) is computed from recomputes
the rows it touches, in the same transaction.

The inputs and their writers:

* the current evaluations: only ``suivi.grille.enregistrer_grille`` writes them (the grid
  page, its autosave, the API, the demo), and it sends ``evaluations_enregistrees``;
* what the rule sees of a situation (title, place, type, date, rank): its edit form, or any
  ``save()``. A situation holding evaluations cannot be deleted (``PROTECT``), and the
  critères it targets are not an input (the rule reads every current evaluation);
* the learner's enrolments (which situations count as theirs);
* the plugins and the referential's data (a sync): not watched, they are in each row's
  ``empreinte``, so stale rows are recomputed when read, or by ``recalculer_resumes``.
"""
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from cpro_platform.etablissements.models import Apprenant, Inscription
from cpro_platform.referentials.models import Critere
from cpro_platform.suivi.grille import evaluations_enregistrees
from cpro_platform.suivi.models import Evaluation, Situation

from .models import ResumeApprenant
from .resume import recalculer

#: The situation's fields the positioning rule sees (``Observateur``) or that order it.
VUS_PAR_LA_REGLE = ("titre", "lieu", "type", "debut", "ordre")


@receiver(evaluations_enregistrees)
def _grille(sender, situation, evaluations, **kwargs) -> None:
    if evaluations:
        recalculer({e.apprenant_id for e in evaluations}, Critere.objects.filter(
            pk__in={e.critere_id for e in evaluations}).values_list("competence_id", flat=True))


@receiver(pre_save, sender=Situation)
def _situation_avant(sender, instance, raw=False, **kwargs) -> None:
    if instance.pk and not raw:
        instance._vu_par_la_regle = Situation.objects.filter(pk=instance.pk).values(
            *VUS_PAR_LA_REGLE).first()


@receiver(post_save, sender=Situation)
def _situation(sender, instance, created, raw=False, **kwargs) -> None:
    avant = getattr(instance, "_vu_par_la_regle", None)
    if created or raw or avant is None or all(
            getattr(instance, champ) == valeur for champ, valeur in avant.items()):
        return
    cellules = list(Evaluation.objects.courantes().filter(situation=instance)
                    .values_list("apprenant_id", "critere__competence_id").distinct())
    apprenants = {a for a, _c in cellules}
    if apprenants:
        recalculer(apprenants, {c for _a, c in cellules})


@receiver(post_save, sender=Inscription)
@receiver(post_delete, sender=Inscription)
def _inscription(sender, instance, created=False, raw=False, origin=None, **kwargs) -> None:
    """An enrolment changed or removed changes which situations count as the learner's. A new
    one adds none they were evaluated in: a learner without any evaluation is summarised
    (nothing to store) at once, one never summarised is computed when first read. A learner
    being deleted takes their summary with them."""
    if raw or isinstance(origin, Apprenant):
        return
    apprenant_id = instance.apprenant_id
    if created:
        if not Evaluation.objects.filter(apprenant_id=apprenant_id).exists():
            # save(), not bulk_create: an import's journal sees it and undoes it.
            ResumeApprenant.objects.get_or_create(apprenant_id=apprenant_id)
    elif ResumeApprenant.objects.filter(apprenant_id=apprenant_id).exists():
        recalculer([apprenant_id])
