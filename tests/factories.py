"""Test data built in code: one plain function per thing, sensible defaults, unique values.

``monde(suffixe)`` builds a whole establishment with one person per role, for the access
matrix and any test that needs a realistic cast.
"""
import datetime
import itertools
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from cpro_platform.comptes.models import LienMagique, Role, TypeRole
from cpro_platform.etablissements.models import (
    AnneeScolaire, Apprenant, Classe, Encadrement, Enseignement, Entreprise, Etablissement,
    Inscription, Niveau, Statut, Tuteur, TypeEncadrement, TypeEtablissement, aujourdhui)
from cpro_platform.etablissements.services import inscrire
from cpro_platform.etablissements.validators import luhn_ok, uai_key
from cpro_platform.referentials.models import Referentiel

User = get_user_model()
PASSWORD = "mot-de-passe-de-test"
_seq = itertools.count(1)


def jours(n: int) -> datetime.date:
    """Today plus ``n`` days (negative: in the past)."""
    return aujourdhui() + datetime.timedelta(days=n)


def uai(n: int | None = None) -> str:
    digits = f"{n if n is not None else 690000 + next(_seq):07d}"
    return digits + uai_key(digits)


def siret(n: int | None = None) -> str:
    base = f"{n if n is not None else 80000000000 + next(_seq):013d}"
    return next(base + str(d) for d in range(10) if luhn_ok(base + str(d)))


def ine() -> str:
    return f"{next(_seq):09d}ZZ"


def referentiel(code: str = "MINI", version: str = "2024") -> Referentiel:
    ref, _ = Referentiel.objects.get_or_create(code=code, version=version, defaults={
        "intitule": f"Référentiel {code}", "diplome": "Baccalauréat professionnel", "niveau": 4,
        "provenance": "officiel", "plugin": "fixture", "distribution": "fixture",
        "distribution_version": "1", "fichier": "fixture.toml", "data_hash": "0" * 64,
        "synchronise_le": timezone.now()})
    return ref


def etablissement(nom: str | None = None, **fields) -> Etablissement:
    n = next(_seq)
    defaults = {"uai": uai(), "nom": nom or f"Lycée {n}",
                "type": TypeEtablissement.LYCEE_PROFESSIONNEL, "academie": "Lyon"}
    return Etablissement.objects.create(**{**defaults, **fields})


def classe(etablissement: Etablissement, nom: str | None = None, **fields) -> Classe:
    defaults = {"annee": AnneeScolaire.pour_date(), "niveau": Niveau.PREMIERE,
                "nom": nom or f"1 MINI {next(_seq)}", "referentiel": referentiel()}
    return Classe.objects.create(etablissement=etablissement, **{**defaults, **fields})


def personne(username: str | None = None, *, password: str | None = PASSWORD,
             **fields):
    username = username or f"personne{next(_seq)}"
    defaults = {"first_name": "Prénom", "last_name": username.title(),
                "email": f"{username}@test.example"}
    user = User(username=username, **{**defaults, **fields})
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


def role(user, etablissement: Etablissement, type: str, *, debut=None, fin=None,
         classes=()) -> Role:
    if type == TypeRole.INSPECTEUR and fin is None:
        fin = jours(90)
    r = Role.objects.create(user=user, etablissement=etablissement, type=type,
                            debut=debut or jours(-30), fin=fin)
    r.classes.set(classes)
    return r


def enseignant(etablissement: Etablissement, *classes: Classe, username=None, **role_kw):
    user = personne(username)
    role(user, etablissement, TypeRole.ENSEIGNANT, **role_kw)
    for c in classes:
        Enseignement.objects.create(classe=c, enseignant=user)
    return user


def apprenant(etablissement: Etablissement, classe: Classe | None = None, *,
              statut: str = Statut.SCOLAIRE, nom: str | None = None, compte: bool = False,
              debut=None) -> Apprenant:
    a, _ = inscrire(etablissement, ine=ine(), nom=nom or f"NOM{next(_seq)}", prenom="Prénom",
                    statut=statut, classe=classe, debut=debut or jours(-60))
    if compte:
        a.user = personne(f"apprenant{a.pk}")
        a.save()
    return a


def entreprise(etablissement: Etablissement, nom: str | None = None) -> Entreprise:
    return Entreprise.objects.create(etablissement=etablissement, siret=siret(),
                                     nom=nom or f"Entreprise {next(_seq)}")


def tuteur(entreprise: Entreprise, username: str | None = None) -> Tuteur:
    return Tuteur.objects.create(user=personne(username, password=None), entreprise=entreprise)


def encadrement(tuteur: Tuteur, apprenant: Apprenant, *, debut=None, fin=None,
                type: str = TypeEncadrement.TUTEUR_STAGE) -> Encadrement:
    return Encadrement.objects.create(tuteur=tuteur, apprenant=apprenant, type=type,
                                      debut=debut or jours(-7), fin=fin or jours(21))


@dataclass
class Monde:
    """One establishment with a person for each role (``Monde.ROLES``) and their objects."""

    ROLES = ("enseignant", "enseignant_termine", "ddfpt", "administrateur", "inspecteur",
             "inspecteur_expire", "apprenant", "tuteur", "tuteur_expire", "maitre",
             "superuser")

    etablissement: Etablissement
    classe: Classe              # taught by ``enseignant``, granted to ``inspecteur``
    autre_classe: Classe        # same establishment, nobody but the DDFPT sees it
    apprenant: Apprenant        # in ``classe``, scolaire, has an account, followed by tuteur
    apprenti: Apprenant         # in ``autre_classe``, followed by ``maitre``
    entreprise: Entreprise
    tuteur: Tuteur
    lien: LienMagique
    users: dict

    def user(self, name: str):
        return self.users[name]

    @property
    def marqueurs(self) -> list[str]:
        """Strings that only this establishment's pages can contain."""
        return [self.etablissement.nom, self.etablissement.uai, self.classe.nom,
                self.autre_classe.nom, self.apprenant.ine, self.apprenant.nom,
                self.apprenti.ine, self.apprenti.nom, self.entreprise.nom]


def monde(suffixe: str) -> Monde:
    """A full establishment whose every name ends with ``suffixe`` (so leaks are findable)."""
    e = etablissement(f"Lycée Témoin {suffixe}")
    c = classe(e, f"1 CLASSE-{suffixe}")
    autre = classe(e, f"T AUTRE-{suffixe}", niveau=Niveau.TERMINALE)
    a = apprenant(e, c, nom=f"ELEVE{suffixe}", compte=True)
    apprenti = apprenant(e, autre, nom=f"APPRENTI{suffixe}", statut=Statut.APPRENTI)
    ent = entreprise(e, f"Carrosserie {suffixe}")
    users = {
        "enseignant": enseignant(e, c, username=f"enseignant{suffixe}"),
        "enseignant_termine": enseignant(e, c, username=f"ancien{suffixe}", fin=jours(-1)),
        "ddfpt": personne(f"ddfpt{suffixe}"),
        "administrateur": personne(f"admin{suffixe}"),
        "inspecteur": personne(f"inspecteur{suffixe}"),
        "inspecteur_expire": personne(f"inspecteurexpire{suffixe}"),
        "apprenant": a.user,
        "superuser": personne(f"super{suffixe}", is_superuser=True, is_staff=True),
    }
    role(users["ddfpt"], e, TypeRole.DDFPT)
    role(users["administrateur"], e, TypeRole.ADMINISTRATEUR)
    role(users["inspecteur"], e, TypeRole.INSPECTEUR, classes=[c])
    role(users["inspecteur_expire"], e, TypeRole.INSPECTEUR, debut=jours(-60), fin=jours(-1))
    t = tuteur(ent, f"tuteur{suffixe}")
    encadrement(t, a)
    t_expire = tuteur(ent, f"tuteurexpire{suffixe}")
    encadrement(t_expire, a, debut=jours(-60), fin=jours(-30))
    maitre = tuteur(entreprise(e, f"Atelier {suffixe}"), f"maitre{suffixe}")
    encadrement(maitre, apprenti, type=TypeEncadrement.MAITRE_APPRENTISSAGE)
    users.update(tuteur=t.user, tuteur_expire=t_expire.user, maitre=maitre.user)
    lien = LienMagique.objects.create(user=t.user, etablissement=e)
    return Monde(e, c, autre, a, apprenti, ent, t, lien, users)


def inscription(apprenant: Apprenant, classe: Classe) -> Inscription:
    return Inscription.objects.get(apprenant=apprenant, classe=classe)


# --- company side: PFMP periods and placements, apprenticeship contracts ----------------------

def periode_pfmp(classe: Classe, *, debut=None, fin=None, semaines: int = 4, criteres=(),
                 titre: str | None = None):
    """A PFMP period of ``classe`` with its situation "en entreprise" targeting ``criteres``."""
    from cpro_platform.pfmp.models import PeriodePFMP
    from cpro_platform.suivi.models import Lieu, Scenario, Situation

    debut, fin = debut or jours(-7), fin or jours(21)
    titre = titre or f"PFMP {next(_seq)}"
    scenario, _ = Scenario.objects.get_or_create(
        classe=classe, referentiel=classe.referentiel, titre="Périodes en entreprise")
    situation = Situation.objects.create(scenario=scenario, titre=titre, lieu=Lieu.ENTREPRISE,
                                         debut=debut, fin=fin)
    situation.criteres.set(criteres)
    return PeriodePFMP.objects.create(classe=classe, titre=titre, debut=debut, fin=fin,
                                      semaines=semaines, situation=situation)


def stage_pfmp(periode, apprenant: Apprenant, tuteur: Tuteur | None = None, *,
               entreprise: Entreprise | None = None, enseignant_referent=None, debut=None,
               fin=None):
    """A learner's placement for ``periode``; with a tutor, the tutor's dated link too."""
    from cpro_platform.pfmp.models import StagePFMP

    debut, fin = debut or periode.debut, fin or periode.fin
    lien = encadrement(tuteur, apprenant, debut=debut, fin=fin) if tuteur else None
    return StagePFMP.objects.create(
        periode=periode, apprenant=apprenant, tuteur=tuteur, encadrement=lien,
        entreprise=entreprise or tuteur.entreprise, enseignant_referent=enseignant_referent,
        debut=debut, fin=fin)


def contrat(apprenant: Apprenant, maitre: Tuteur, *, debut=None, fin=None,
            formateur_referent=None):
    """An apprenticeship contract with ``maitre``, and the master's dated link."""
    from cpro_platform.apprentissage.models import Contrat

    debut, fin = debut or jours(-90), fin or jours(640)
    lien = encadrement(maitre, apprenant, debut=debut, fin=fin,
                       type=TypeEncadrement.MAITRE_APPRENTISSAGE)
    return Contrat.objects.create(apprenant=apprenant, employeur=maitre.entreprise,
                                  maitre=maitre, encadrement=lien, debut=debut, fin=fin,
                                  formateur_referent=formateur_referent)
