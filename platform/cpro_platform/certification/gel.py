"""Once a session's commission validated, nothing of the session changes: the model layer.

Every save, delete and many-to-many change of the session, its situations d'évaluation (and
their learners), candidates' statuses, grids, degrees, reopenings, the commission (and its
members) and its adjustments raises ``CertificationFigee`` when the session is frozen
(``SessionExamen.figee``) — before or after the change, so nothing moves out of a frozen
session either. The database refuses the same writes (migration ``0003_commission_validee``),
including those that bypass the models (``QuerySet.update``, ``bulk_create``, raw SQL).

Adjustments are append-only besides: an adjustment is never deleted, and a stored one only
ever stops being ``courant``.

Connected from ``CertificationConfig.ready``; kept out of ``models.py`` so that each part of
the certification adds its own rules without touching the others'.
"""
from django.db.models import Q
from django.db.models.signals import m2m_changed, pre_delete, pre_save
from django.utils.translation import gettext as _

from .models import (
    AjustementCommission, Candidature, CertificationFigee, Commission, DegreGrille,
    EtatCommission, GrilleCCF, ReouvertureGrille, SessionExamen, SituationEvaluation)


#: model → (instance → a filter of SessionExamen naming the session(s) it belongs to).
SESSIONS = {
    SessionExamen: lambda o: Q(pk=o.pk),
    SituationEvaluation: lambda o: Q(pk=o.session_id) | (Q(situations=o.pk) if o.pk else Q()),
    Candidature: lambda o: Q(pk=o.session_id) | (Q(candidatures=o.pk) if o.pk else Q()),
    GrilleCCF: lambda o: Q(pk=o.session_id) | (Q(grilles=o.pk) if o.pk else Q()),
    DegreGrille: lambda o: Q(grilles=o.grille_id) | (Q(grilles__degres=o.pk) if o.pk else Q()),
    ReouvertureGrille: lambda o: Q(grilles=o.grille_id),
    Commission: lambda o: Q(pk=o.session_id) | (Q(commission=o.pk) if o.pk else Q()),
    AjustementCommission: lambda o: Q(commission=o.commission_id),
}


def _figee(filtre: Q) -> bool:
    # ``Q() | x`` keeps only x; an empty filter would match every session.
    return bool(filtre) and SessionExamen.objects.filter(
        filtre, commission__etat=EtatCommission.VALIDEE).exists()


def refuser_si_figee(filtre: Q) -> None:
    if _figee(filtre):
        raise CertificationFigee(_(
            "La commission d’évaluation de cette session a validé : la session est figée et "
            "archivée, rien ne peut plus y être modifié."))


def _avant_ecriture(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):  # loading fixtures
        return
    refuser_si_figee(SESSIONS[sender](instance))


def _ajustement_en_ajout_seul(sender, instance, **kwargs) -> None:
    if kwargs.get("raw") or instance.pk is None:
        return
    avant = AjustementCommission.objects.filter(pk=instance.pk).values(
        "note_avant", "note_apres", "motif", "grille_id", "commission_id", "courant").first()
    if avant is None:
        return
    apres = {"note_avant": instance.note_avant, "note_apres": instance.note_apres,
             "motif": instance.motif, "grille_id": instance.grille_id,
             "commission_id": instance.commission_id, "courant": instance.courant}
    change = {k for k in apres if apres[k] != avant[k]}
    if change - {"courant"} or (instance.courant and not avant["courant"]):
        raise CertificationFigee(_(
            "Un ajustement de la commission ne se modifie pas : enregistrez-en un nouveau."))


def _ajustement_jamais_supprime(sender, instance, **kwargs) -> None:
    raise CertificationFigee(_(
        "Un ajustement de la commission ne se supprime pas : enregistrez-en un nouveau."))


def _situation_apprenants(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """``situation.apprenants`` changes, or ``apprenant.situations_ccf`` from the other side."""
    if action.startswith("pre_"):
        refuser_si_figee(Q(situations=instance.pk) if not reverse
                         else Q(situations__in=pk_set) if pk_set is not None
                         else Q(situations__apprenants=instance.pk))


def _commission_membres(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action.startswith("pre_"):
        refuser_si_figee(Q(commission=instance.pk) if not reverse
                         else Q(commission__in=pk_set) if pk_set is not None
                         else Q(commission__membres=instance.pk))


def connecter() -> None:
    for model in SESSIONS:
        uid = f"certification-gel-{model._meta.model_name}"
        pre_save.connect(_avant_ecriture, sender=model, dispatch_uid=uid)
        pre_delete.connect(_avant_ecriture, sender=model, dispatch_uid=uid)
    pre_save.connect(_ajustement_en_ajout_seul, sender=AjustementCommission,
                     dispatch_uid="certification-ajustement-ajout-seul")
    pre_delete.connect(_ajustement_jamais_supprime, sender=AjustementCommission,
                       dispatch_uid="certification-ajustement-jamais-supprime")
    m2m_changed.connect(_situation_apprenants, sender=SituationEvaluation.apprenants.through,
                        dispatch_uid="certification-gel-apprenants")
    m2m_changed.connect(_commission_membres, sender=Commission.membres.through,
                        dispatch_uid="certification-gel-membres")
