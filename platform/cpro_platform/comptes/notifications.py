"""What an establishment's DDFPT is told at once: who gave access to whom, to what, when.

Grants are where an administrator could give themselves (or a mailbox they control) access to
learners: a role, a tutoring period, a changed address where links and password resets go.
The audit log keeps every change; these ones are also e-mailed to the DDFPT(s) in office.
"""
import datetime

from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _

from cpro_platform.etablissements.models import Encadrement, Etablissement

from .models import Role, TypeRole

def destinataires(etablissement: Etablissement, *, sauf=()) -> list[str]:
    """The addresses of the DDFPT(s) in office, but ``sauf`` (users)."""
    return sorted(set(Role.objects.actives().filter(
        etablissement=etablissement, type=TypeRole.DDFPT).exclude(user__email="").exclude(
        user__in=[u.pk for u in sauf]).values_list("user__email", flat=True)))


def _qui(user) -> str:
    return f"{user.get_full_name() or user.get_username()} ({user.get_username()})"


def _jour(date: datetime.date) -> str:
    return date.strftime("%d/%m/%Y")


def _periode(debut: datetime.date, fin: datetime.date | None) -> str:
    if fin is None:
        return _("à partir du %(debut)s, sans date de fin") % {"debut": _jour(debut)}
    return _("du %(debut)s au %(fin)s") % {"debut": _jour(debut), "fin": _jour(fin)}


def moment(quand: datetime.datetime | None = None) -> str:
    """A date and time as people read them in the active language ("02/12/2026 à 14:30")."""
    quand = timezone.localtime(quand)
    return _("%(jour)s à %(heure)s") % {"jour": quand.strftime("%d/%m/%Y"),
                                        "heure": quand.strftime("%H:%M")}


def _maintenant() -> str:
    return moment()


def _envoyer(etablissement: Etablissement, sujet: str, texte: str, *, sauf=(),
             aussi=()) -> None:
    to = sorted(set(destinataires(etablissement, sauf=sauf)) | {a for a in aussi if a})
    if to:
        rappel = _("Si ce changement vous surprend, vérifiez-le dans l'historique de "
                   "l'établissement (Gestion) et demandez à un administrateur d'y mettre fin.")
        send_mail(f"[CPRO] {sujet}", f"{texte}\n\n{rappel}\n", None, to)


def role_accorde(role: Role) -> None:
    texte = _("Le %(quand)s, %(par)s a accordé le rôle « %(role)s » à %(qui)s dans "
              "l'établissement %(etablissement)s, %(periode)s.") % {
        "quand": _maintenant(), "par": _qui(role.accorde_par), "role": role.get_type_display(),
        "qui": _qui(role.user), "etablissement": role.etablissement.nom,
        "periode": _periode(role.debut, role.fin)}
    classes = ", ".join(c.nom for c in role.classes.all())
    if classes:
        texte += "\n" + _("Classes : %(classes)s") % {"classes": classes}
    if role.motif:
        texte += "\n" + _("Motif : %(motif)s") % {"motif": role.motif}
    _envoyer(role.etablissement, _("Rôle accordé dans %(etablissement)s")
             % {"etablissement": role.etablissement.nom}, texte, sauf=[role.user])


def roles_importes(etablissement: Etablissement, roles: list[Role], par) -> None:
    """The roles a staff import granted, in one message."""
    texte = _("Le %(quand)s, %(par)s a importé un fichier de personnels qui accorde ces rôles "
              "dans l'établissement %(etablissement)s :") % {
        "quand": _maintenant(), "par": _qui(par), "etablissement": etablissement.nom}
    texte += "".join(f"\n- {_qui(r.user)} : {r.get_type_display()}, "
                     f"{_periode(r.debut, r.fin)}" for r in roles)
    _envoyer(etablissement, _("Rôles accordés par import dans %(etablissement)s")
             % {"etablissement": etablissement.nom}, texte, sauf=[r.user for r in roles])


def suivi_ouvert(encadrement: Encadrement, par) -> None:
    tuteur = encadrement.tuteur
    etablissement = tuteur.entreprise.etablissement
    texte = _("Le %(quand)s, %(par)s a donné à %(tuteur)s (%(type)s, %(entreprise)s) accès à "
              "l'apprenant %(apprenant)s, %(periode)s.") % {
        "quand": _maintenant(), "par": _qui(par), "tuteur": _qui(tuteur.user),
        "type": encadrement.get_type_display(), "entreprise": tuteur.entreprise.nom,
        "apprenant": encadrement.apprenant.nom_complet,
        "periode": _periode(encadrement.debut, encadrement.fin)}
    _envoyer(etablissement, _("Nouvelle période de suivi dans %(etablissement)s")
             % {"etablissement": etablissement.nom}, texte)


def adresse_changee(personne, ancienne: str, par, etablissement: Etablissement) -> None:
    """Told to the DDFPT and to the old address: links and resets now go to the new one."""
    texte = _("Le %(quand)s, %(par)s a remplacé l'adresse électronique de %(qui)s : "
              "%(ancienne)s devient %(nouvelle)s. Les liens de connexion et les "
              "réinitialisations de mot de passe iront désormais à la nouvelle adresse.") % {
        "quand": _maintenant(), "par": _qui(par), "qui": _qui(personne),
        "ancienne": ancienne or "—", "nouvelle": personne.email or "—"}
    _envoyer(etablissement, _("Adresse électronique modifiée dans %(etablissement)s")
             % {"etablissement": etablissement.nom}, texte, aussi=[ancienne])
