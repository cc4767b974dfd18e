"""Operations on the structure that screens and imports share (one place for each rule)."""
import datetime
import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from .models import (
    Apprenant, Classe, Enseignement, Etablissement, Inscription, Parcours, aujourdhui)

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
        try:
            apprenant.changer_parcours(etablissement=etablissement, statut=statut, date=debut)
        except ValidationError as erreur:  # an arrival dated inside a former stretch
            raise OperationImpossible(" ".join(erreur.messages)) from None
    if classe is not None:
        Inscription.objects.get_or_create(apprenant=apprenant, classe=classe,
                                          defaults={"debut": debut})
    return apprenant, created


def _veille(date: datetime.date) -> datetime.date:
    return date - datetime.timedelta(days=1)


def _jour(date: datetime.date) -> str:
    return date.strftime("%d/%m/%Y")


def _inscriptions_ici(apprenant: Apprenant, etablissement: Etablissement):
    return apprenant.inscriptions.filter(classe__etablissement=etablissement)


@transaction.atomic
def changer_statut_ou_classe(etablissement: Etablissement, apprenant: Apprenant, *,
                             date: datetime.date, statut: str,
                             classe: Classe | None = None) -> Parcours:
    """From ``date``: ``statut`` in ``etablissement`` and, with ``classe``, that class instead
    of the learner's running one(s) here.

    The running Parcours (and memberships) end the day before and new ones start on ``date``:
    evaluations, positionnements and bilans point at the learner, not at these rows, so the
    whole record follows and the earlier stretches stay readable. Refused, with nothing
    written, when the date does not fall after the start of the running stretches or when a
    later one already exists (an overlap).
    """
    if classe is not None and classe.etablissement_id != etablissement.pk:
        raise OperationImpossible(_("La classe choisie n'appartient pas à cet établissement."))
    if apprenant.parcours.filter(debut__gte=date).exists():
        raise OperationImpossible(_(
            "Ce changement chevauche un autre parcours de l'apprenant : choisissez une date "
            "postérieure au début du parcours en cours et antérieure à tout parcours suivant."))
    courant = apprenant.parcours.actives(date).select_for_update().first()
    if courant is None or courant.etablissement_id != etablissement.pk:
        raise OperationImpossible(_(
            "L'apprenant n'a pas de parcours dans l'établissement le %(date)s : inscrivez-le "
            "d'abord.") % {"date": _jour(date)})
    if statut == courant.statut and classe is None:
        raise OperationImpossible(_("L'apprenant a déjà ce statut : choisissez un autre statut "
                                    "ou une nouvelle classe."))
    if classe is not None:
        _changer_de_classe(etablissement, apprenant, classe, date)
    if statut == courant.statut:
        return courant
    nouveau = Parcours(apprenant=apprenant, etablissement=etablissement, statut=statut,
                       debut=date, fin=courant.fin)
    courant.fin = _veille(date)
    courant.save()
    nouveau.full_clean()
    nouveau.save()
    return nouveau


def _changer_de_classe(etablissement, apprenant, classe, date) -> None:
    if apprenant.inscriptions.filter(classe=classe).exists():
        raise OperationImpossible(_("L'apprenant est déjà inscrit dans la classe %(nom)s.")
                                  % {"nom": classe.nom})
    ici = _inscriptions_ici(apprenant, etablissement)
    if ici.filter(debut__gte=date).exists():
        raise OperationImpossible(_(
            "L'apprenant a une inscription qui commence le %(date)s ou après : la nouvelle "
            "classe la chevaucherait.") % {"date": _jour(date)})
    for inscription in ici.actives(date):
        inscription.fin = _veille(date)
        inscription.save()
    Inscription.objects.create(apprenant=apprenant, classe=classe, debut=date)


@transaction.atomic
def quitter(etablissement: Etablissement, apprenant: Apprenant, date: datetime.date) -> None:
    """The learner leaves ``etablissement`` after ``date`` (their last day here).

    Their running path here and their memberships of its classes end that day, so its teachers
    stop writing at once; what they recorded stays readable as the access policy says.
    """
    courant = apprenant.parcours.filter(etablissement=etablissement, fin__isnull=True).first()
    if courant is None:
        raise OperationImpossible(_("Aucun parcours en cours dans l'établissement."))
    courant.fin = date
    courant.full_clean()
    courant.save()
    ici = _inscriptions_ici(apprenant, etablissement)
    if ici.filter(debut__gt=date).exists():
        raise OperationImpossible(_(
            "L'apprenant a une inscription qui commence après le %(date)s : retirez-la "
            "d'abord de la classe.") % {"date": _jour(date)})
    for inscription in ici.filter(Q(fin__isnull=True) | Q(fin__gt=date)):
        inscription.fin = date
        inscription.save()


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
