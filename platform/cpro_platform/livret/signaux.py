"""What bumps the livret versions (``versions.toucher``) when a model is written.

The livret, dashboard, positionnements and class pages and the livret PDF show: the learner
(Apprenant), their enrolments (Inscription) and path (Parcours: statut and establishment by
date, shown per column); their evaluations (Evaluation, evidence
included) and the situations those belong to (Situation, its critères); positionnements
(with their author's name); and in the PDF header the class, its establishment and its
teachers (Classe, Etablissement, Enseignement, the teachers' names). Each write of one of them
bumps the learners concerned, in the writer's transaction. Referential text is keyed by its
``data_hash`` instead (``versions.etat_apprenant``). Bulk writes send no signal: their call
sites call ``toucher`` themselves (``suivi.scenarios``) or send a signal of their own (the
grid's ``evaluations_enregistrees``).
"""
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from cpro_platform.etablissements.models import (
    Apprenant, Classe, Enseignement, Etablissement, Inscription, Parcours)
from cpro_platform.suivi.grille import evaluations_enregistrees
from cpro_platform.suivi.models import Evaluation, Situation

from .models import Positionnement
from .versions import apprenants_de_classes, toucher

User = get_user_model()
#: A login only records its time: it changes no page.
CHAMPS_SANS_EFFET = frozenset({"last_login", "password"})


@receiver(evaluations_enregistrees, dispatch_uid="livret_grille")
def _grille(sender, evaluations, **kwargs):
    toucher({e.apprenant_id for e in evaluations})  # a bulk insert: no model signal


@receiver(post_save, sender=Apprenant, dispatch_uid="livret_apprenant")
def _apprenant(sender, instance, raw=False, **kwargs):
    if not raw:
        toucher([instance.pk])


@receiver(post_save, sender=Inscription, dispatch_uid="livret_inscription")
@receiver(post_delete, sender=Inscription, dispatch_uid="livret_inscription_supprimee")
@receiver(post_save, sender=Parcours, dispatch_uid="livret_parcours")
@receiver(post_delete, sender=Parcours, dispatch_uid="livret_parcours_supprime")
@receiver(post_save, sender=Positionnement, dispatch_uid="livret_positionnement")
@receiver(post_delete, sender=Positionnement, dispatch_uid="livret_positionnement_supprime")
@receiver(post_save, sender=Evaluation, dispatch_uid="livret_evaluation")
@receiver(post_delete, sender=Evaluation, dispatch_uid="livret_evaluation_supprimee")
def _ligne_d_un_apprenant(sender, instance, raw=False, **kwargs):
    if not raw:
        toucher([instance.apprenant_id])


def _apprenants_de_la_situation(situation: Situation):
    return apprenants_de_classes(Classe.objects.filter(scenarios__situations=situation))


@receiver(post_save, sender=Situation, dispatch_uid="livret_situation")
@receiver(pre_delete, sender=Situation, dispatch_uid="livret_situation_supprimee")
def _situation(sender, instance, raw=False, **kwargs):
    # Before a delete: afterwards the situation no longer leads to its class.
    if not raw:
        toucher(_apprenants_de_la_situation(instance))


@receiver(m2m_changed, sender=Situation.criteres.through, dispatch_uid="livret_criteres")
def _criteres(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:  # critere.situations.add(…): the situations are in pk_set
        situations = Situation.objects.filter(pk__in=pk_set or ())
        toucher(apprenants_de_classes(Classe.objects.filter(scenarios__situations__in=situations)))
    else:
        toucher(_apprenants_de_la_situation(instance))


@receiver(post_save, sender=Classe, dispatch_uid="livret_classe")
def _classe(sender, instance, raw=False, **kwargs):
    if not raw:
        toucher(apprenants_de_classes([instance.pk]))


@receiver(post_save, sender=Enseignement, dispatch_uid="livret_enseignement")
@receiver(post_delete, sender=Enseignement, dispatch_uid="livret_enseignement_supprime")
def _enseignement(sender, instance, raw=False, **kwargs):
    if not raw:
        toucher(apprenants_de_classes([instance.classe_id]))


@receiver(post_save, sender=Etablissement, dispatch_uid="livret_etablissement")
def _etablissement(sender, instance, created=False, raw=False, **kwargs):
    if not raw and not created:
        toucher(Apprenant.objects.filter(
            Q(inscriptions__classe__etablissement=instance)
            | Q(parcours__etablissement=instance)).values("pk"))


@receiver(post_save, sender=User, dispatch_uid="livret_personne")
def _personne(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    """A teacher's name is in the PDF header of their classes' learners, and an author's
    beside their positionnements."""
    if raw or created or (update_fields and set(update_fields) <= CHAMPS_SANS_EFFET):
        return
    toucher(Apprenant.objects.filter(
        Q(inscriptions__classe__enseignements__enseignant=instance)
        | Q(positionnements__auteur=instance)).values("pk"))
