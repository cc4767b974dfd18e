"""The livret shows the learner's sheets (company evidence): every write of a sheet, of its
activities and compétences, or of its photos bumps the learner's livret version
(``livret.versions.toucher``) in the writer's transaction, so a cached livret page or PDF
never shows a stale list."""
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from cpro_platform.etablissements.models import Apprenant
from cpro_platform.livret.versions import toucher

from .models import FicheActivite, PhotoFiche


@receiver(post_save, sender=FicheActivite, dispatch_uid="activites_fiche")
@receiver(post_delete, sender=FicheActivite, dispatch_uid="activites_fiche_supprimee")
def _fiche(sender, instance, raw=False, **kwargs):
    if not raw:
        toucher([instance.apprenant_id])


@receiver(m2m_changed, sender=FicheActivite.activites.through, dispatch_uid="activites_rap")
@receiver(m2m_changed, sender=FicheActivite.competences.through,
          dispatch_uid="activites_competences")
def _liens(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:  # activite.fiches.add(…): the sheets are in pk_set
        toucher(Apprenant.objects.filter(fiches_activite__in=pk_set or ()).values("pk"))
    else:
        toucher([instance.apprenant_id])


@receiver(post_save, sender=PhotoFiche, dispatch_uid="activites_photo")
@receiver(post_delete, sender=PhotoFiche, dispatch_uid="activites_photo_supprimee")
def _photo(sender, instance, raw=False, **kwargs):
    if not raw:
        toucher([instance.fiche.apprenant_id])
