"""Who holds which role, where, today: the facts every rule of the policy starts from."""
import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from cpro_platform.comptes.models import Role, TypeRole
from cpro_platform.etablissements.models import (
    Apprenant, Encadrement, Etablissement, TypeEncadrement, aujourdhui)


def est_connecte(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def roles_actifs(user, date: datetime.date | None = None) -> QuerySet[Role]:
    """The granted roles (enseignant, DDFPT, administrateur, inspecteur) running at ``date``."""
    if not est_connecte(user):
        return Role.objects.none()
    return Role.objects.filter(user=user).actives(date)


def etablissements_ou(user, *types: str, date: datetime.date | None = None
                      ) -> QuerySet[Etablissement]:
    """The establishments where ``user`` holds one of ``types`` at ``date``."""
    return Etablissement.objects.filter(
        pk__in=roles_actifs(user, date).filter(type__in=types).values("etablissement"))


def encadrements_actifs(user, date: datetime.date | None = None) -> QuerySet[Encadrement]:
    """The tutor's or master's periods running at ``date`` (nothing outside them)."""
    if not est_connecte(user):
        return Encadrement.objects.none()
    return Encadrement.objects.filter(tuteur__user=user).actives(date)


def apprenant_de(user) -> Apprenant | None:
    """The learner record this account belongs to, if any."""
    if not est_connecte(user):
        return None
    return Apprenant.objects.filter(user=user).first()


@dataclass(frozen=True)
class RoleTenu:
    """One role as shown to people ("Mon compte", the roles documentation)."""

    type: str
    libelle: str
    etablissement: str
    debut: datetime.date | None
    fin: datetime.date | None


def roles_tenus(user, date: datetime.date | None = None) -> list[RoleTenu]:
    """Every role ``user`` holds at ``date``: granted ones, learner, tutor and master."""
    date = date or aujourdhui()
    tenus = [RoleTenu(r.type, r.get_type_display(), r.etablissement.nom, r.debut, r.fin)
             for r in roles_actifs(user, date).select_related("etablissement")]
    apprenant = apprenant_de(user)
    if apprenant:
        parcours = apprenant.parcours_au(date)
        tenus.append(RoleTenu(TypeRole.APPRENANT, TypeRole.APPRENANT.label,
                              parcours.etablissement.nom if parcours else "",
                              parcours.debut if parcours else None,
                              parcours.fin if parcours else None))
    kinds = {TypeEncadrement.TUTEUR_STAGE: TypeRole.TUTEUR,
             TypeEncadrement.MAITRE_APPRENTISSAGE: TypeRole.MAITRE}
    for e in encadrements_actifs(user, date).select_related(
            "tuteur__entreprise__etablissement"):
        kind = kinds[e.type]
        tenus.append(RoleTenu(kind, kind.label, e.tuteur.entreprise.etablissement.nom,
                              e.debut, e.fin))
    return tenus
