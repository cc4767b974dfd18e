"""Import of staff (nom, prénom, e-mail, rôle, classes enseignées), upserted by e-mail.

Roles and teaching assignments are only added: a row never ends a role or an assignment
(that stays a deliberate act in the administration screens), so re-importing changes nothing.
Nobody imports a role for themselves, and the DDFPT is told of the roles an import grants.
"""
from django.contrib.auth import get_user_model
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cpro_platform.acces.perimetres import personne_modifiable
from cpro_platform.comptes import notifications
from cpro_platform.comptes.models import AUTO_ATTRIBUTION, Role, TypeRole

from ..models import Enseignement
from . import valeurs
from .base import Action, Importateur, Operation
from .classes import cle_classe
from .lecture import Colonne, Ligne

User = get_user_model()

ROLES = valeurs.synonymes(
    (TypeRole.ENSEIGNANT, ["enseignante", "professeur", "professeure", "prof", "PLP",
                           "formateur", "formatrice"]),
    (TypeRole.DDFPT, ["directeur délégué", "directrice déléguée", "chef de travaux",
                      "directeur délégué aux formations"]),
    (TypeRole.ADMINISTRATEUR, ["administratrice", "admin", "administration"]),
)


class ImportPersonnels(Importateur):
    type = "personnels"
    titre = gettext_lazy("Personnels")
    description = gettext_lazy("Enseignants, DDFPT et administrateurs : nom, prénom, e-mail, "
                               "rôle et, pour les enseignants, les classes enseignées.")
    colonnes = [
        Colonne("nom", "nom", ("nom de famille", "nom d'usage")),
        Colonne("prenom", "prénom", ()),
        Colonne("email", "e-mail", ("email", "courriel", "adresse électronique",
                                                  "adresse mail", "mél", "mail")),
        Colonne("roles", "rôle", ("rôles", "fonction", "profil")),
        Colonne("classes", "classes enseignées", ("classes", "divisions"),
                obligatoire=False),
    ]

    def executer(self, contenu: bytes, nom_fichier: str):
        """Apply, then tell the DDFPT of every role granted, in one message."""
        self.accordes: list[Role] = []
        analyse = super().executer(contenu, nom_fichier)
        if analyse.applique and self.accordes:
            notifications.roles_importes(self.etablissement, self.accordes, self.auteur)
        return analyse

    def charger(self, lignes: list[Ligne]) -> None:
        emails = {ligne["email"].lower() for ligne in lignes}
        self.comptes: dict[str, list] = {}
        for user in User.objects.annotate(courriel=Lower("email")).filter(courriel__in=emails):
            self.comptes.setdefault(user.courriel, []).append(user)
        self.roles = set(Role.objects.actives(self.date).filter(
            etablissement=self.etablissement, user__in=[u for us in self.comptes.values()
                                                        for u in us]
        ).values_list("user_id", "type"))
        self.classes = {cle_classe(c.nom): c for c in self.etablissement.classes.filter(
            annee=self.annee)}
        self.enseignements = set(Enseignement.objects.filter(
            classe__in=self.classes.values()).values_list("enseignant_id", "classe_id"))

    def cle(self, ligne: Ligne):
        return _("e-mail"), ligne["email"].lower()

    def analyser_ligne(self, ligne: Ligne, erreurs: list[str]) -> Operation | None:
        nom = self.requis(ligne, "nom", _("nom"), erreurs)
        prenom = self.requis(ligne, "prenom", _("prénom"), erreurs)
        email = self.requis(ligne, "email", _("e-mail"), erreurs).lower()
        if email:
            self.lire_valeur(erreurs, valeurs.email, email, _("e-mail"))
        roles = [self.lire_valeur(erreurs, valeurs.choix, r, _("rôle"), ROLES)
                 for r in valeurs.liste(ligne["roles"])]
        if not ligne["roles"]:
            erreurs.append(_("rôle manquant"))
        classes = []
        for division in valeurs.liste(ligne["classes"]):
            classe = self.classes.get(cle_classe(division))
            if classe is None:
                erreurs.append(_("classe « %(c)s » inconnue en %(annee)s") % {
                    "c": division, "annee": self.annee})
            classes.append(classe)
        if classes and TypeRole.ENSEIGNANT not in roles:
            erreurs.append(_("des classes enseignées ne vont qu’avec le rôle enseignant"))
        comptes = self.comptes.get(email, [])
        if len(comptes) > 1:
            erreurs.append(_("plusieurs comptes ont l’adresse « %(e)s » : corrigez-les d’abord "
                             "dans l’écran Personnels") % {"e": email})
        user = comptes[0] if comptes else None
        if user is not None and user == self.auteur and roles:
            erreurs.append(str(AUTO_ATTRIBUTION))
        if erreurs:
            return None
        operation = Operation(ligne.numero, f"{nom} {prenom} <{email}>", donnees={
            "user": user, "nom": nom, "prenom": prenom, "email": email, "identite": False,
            "roles": [r for r in dict.fromkeys(roles)
                      if user is None or (user.pk, r) not in self.roles],
            "classes": [c for c in classes
                        if user is None or (user.pk, c.pk) not in self.enseignements]})
        if user is None:
            operation.action = Action.CREE
        elif (user.last_name, user.first_name) != (nom, prenom):
            if personne_modifiable(self.auteur, user, self.date):
                operation.donnees["identite"] = True
                operation.change(_("identité : %(avant)s → %(apres)s") % {
                    "avant": user.get_full_name(), "apres": f"{prenom} {nom}"})
            else:
                operation.details.append(_("identité non modifiée (compte lié à un autre "
                                           "établissement)"))
        for role in operation.donnees["roles"]:
            operation.change(_("rôle : %(r)s") % {"r": TypeRole(role).label})
        for classe in operation.donnees["classes"]:
            operation.change(_("enseigne en %(c)s") % {"c": classe.nom})
        return operation

    def _identifiant(self, email: str) -> str:
        if not User.objects.filter(username=email).exists():
            return email
        return next(f"{email}.{n}" for n in range(2, 1000)
                    if not User.objects.filter(username=f"{email}.{n}").exists())

    def appliquer(self, operation: Operation) -> None:
        d = operation.donnees
        user = d["user"]
        if user is None:
            user = User(username=self._identifiant(d["email"]), email=d["email"],
                        first_name=d["prenom"], last_name=d["nom"])
            user.set_unusable_password()
            user.save()
        elif d["identite"]:
            user.first_name, user.last_name = d["prenom"], d["nom"]
            user.save(update_fields=["first_name", "last_name"])
        for role in d["roles"]:
            self.accordes.append(Role.objects.create(
                user=user, etablissement=self.etablissement, type=role, debut=self.date,
                accorde_par=self.auteur))
        for classe in d["classes"]:
            Enseignement.objects.create(classe=classe, enseignant=user)
