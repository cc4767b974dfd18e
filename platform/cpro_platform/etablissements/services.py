"""Operations on the structure that screens and imports share (one place for each rule)."""
import datetime
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Apprenant, Classe, Enseignement, Etablissement, Inscription, aujourdhui

User = get_user_model()


class OperationImpossible(Exception):
    """An operation refused for a reason the user can act on (the message says which)."""


@transaction.atomic
def inscrire(etablissement: Etablissement, *, ine: str, nom: str, prenom: str, statut: str,
             classe: Classe | None = None, debut: datetime.date | None = None,
             date_naissance: datetime.date | None = None, email: str = ""
             ) -> tuple[Apprenant, bool]:
    """Enrol a learner in ``etablissement`` (and ``classe``), from ``debut``.

    A learner already known by INE keeps their record and history: a new Parcours is opened
    here. Refused while their path is still open in another establishment, which must close it
    first. Returns (learner, created).
    """
    debut = debut or aujourdhui()
    if classe is not None and classe.etablissement_id != etablissement.pk:
        raise OperationImpossible(_("La classe choisie n'appartient pas à cet établissement."))
    apprenant = Apprenant.objects.filter(ine=ine).first()
    created = apprenant is None
    if created:
        apprenant = Apprenant(ine=ine, nom=nom, prenom=prenom, date_naissance=date_naissance,
                              email=email)
        apprenant.full_clean()
        apprenant.save()
    courant = apprenant.parcours.filter(fin__isnull=True).select_related("etablissement").first()
    if courant and courant.etablissement_id != etablissement.pk:
        raise OperationImpossible(_(
            "L'apprenant %(ine)s est encore inscrit dans un autre établissement : celui-ci doit "
            "d'abord clore son parcours (date de départ).") % {"ine": ine})
    if not courant or courant.statut != statut:
        apprenant.changer_parcours(etablissement=etablissement, statut=statut, date=debut)
    if classe is not None:
        Inscription.objects.get_or_create(apprenant=apprenant, classe=classe,
                                          defaults={"debut": debut})
    return apprenant, created


def affecter_enseignants(classe: Classe, enseignants) -> None:
    """Make ``enseignants`` the class's teachers, one audited row per change."""
    wanted = {u.pk for u in enseignants}
    for enseignement in classe.enseignements.all():
        if enseignement.enseignant_id not in wanted:
            enseignement.delete()
        wanted.discard(enseignement.enseignant_id)
    for pk in wanted:
        Enseignement.objects.create(classe=classe, enseignant_id=pk)


def mot_de_passe_provisoire() -> str:
    return secrets.token_urlsafe(9)


def creer_compte_apprenant(apprenant: Apprenant, username: str) -> str:
    """Give the learner an account; returns the provisional password to hand over."""
    if apprenant.user_id:
        raise OperationImpossible(_("Cet apprenant a déjà un compte."))
    if User.objects.filter(username=username).exists():
        raise OperationImpossible(_("L'identifiant « %(u)s » est déjà pris.") % {"u": username})
    password = mot_de_passe_provisoire()
    user = User.objects.create_user(username=username, password=password, email=apprenant.email,
                                    first_name=apprenant.prenom, last_name=apprenant.nom)
    apprenant.user = user
    apprenant.save(update_fields=["user"])
    return password
