"""Demo step: a vocational high school with a CPA and a CAV class, its staff and companies.

Idempotent (everything is looked up by its natural key first). Needs the CPA and CAV
referentials synced (``manage.py sync_referentiels``); dates are relative to today so that
the tutors' periods are running whenever the demo is loaded.
"""
import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from cpro_platform.comptes import liens
from cpro_platform.comptes.models import LienMagique, Role, TypeRole
from cpro_platform.referentials.models import Referentiel

from .models import (
    AnneeScolaire, Classe, Encadrement, Entreprise, Etablissement, Niveau, Statut, Tuteur,
    TypeEncadrement, TypeEtablissement, aujourdhui)
from .services import affecter_enseignants, changer_statut_ou_classe, inscrire

User = get_user_model()
PASSWORD = "cpro-demo"
UAI = "0694321X"

PRENOMS = ["Lucas", "Emma", "Hugo", "Léa", "Nathan", "Chloé", "Enzo", "Manon", "Louis", "Inès",
           "Théo", "Jade", "Mathis", "Camille", "Noah", "Sarah", "Yanis", "Lina", "Tom",
           "Clara", "Rayan", "Zoé", "Gabriel", "Maëlys", "Adam", "Anaïs", "Kylian", "Océane",
           "Ethan", "Lou", "Bastien", "Jeanne", "Mehdi", "Romane", "Axel", "Elsa", "Maxime",
           "Nina", "Quentin", "Agathe", "Sofiane", "Louise", "Dylan", "Justine", "Alexis",
           "Margaux", "Valentin", "Eva"]
NOMS = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
        "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David",
        "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier",
        "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure",
        "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin",
        "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier"]

#: login, first name, last name, role, classes taught (by code)
PERSONNELS = [
    ("ddfpt", "Nadia", "Benhamou", TypeRole.DDFPT, []),
    ("admin.lycee", "Pascal", "Girard", TypeRole.ADMINISTRATEUR, []),
    ("m.lefebvre", "Marc", "Lefebvre", TypeRole.ENSEIGNANT, ["CPA"]),
    ("s.nguyen", "Sophie", "Nguyen", TypeRole.ENSEIGNANT, ["CPA"]),
    ("k.benali", "Karim", "Benali", TypeRole.ENSEIGNANT, ["CAV"]),
    ("c.rolland", "Claire", "Rolland", TypeRole.ENSEIGNANT, ["CPA", "CAV"]),
]

#: SIRET, name, town, sector, tutor (first, last, e-mail, function)
ENTREPRISES = [
    ("81234567800013", "Carrosserie Durand et Fils", "Vénissieux", "Réparation de carrosserie",
     ("Gérard", "Durand", "g.durand@carrosserie-durand.example", "Chef d'atelier")),
    ("82345678900010", "Garage du Parc", "Villeurbanne", "Entretien et réparation automobile",
     ("Isabelle", "Masson", "i.masson@garageduparc.example", "Carrossière-peintre")),
    ("83456789000019", "Rhône Carrosserie Industrielle", "Saint-Priest",
     "Carrosserie industrielle", ("Thierry", "Caron", "t.caron@rci.example",
                                  "Responsable d'atelier")),
    ("84567890100016", "Aménagements Utilitaires Lyonnais", "Corbas",
     "Aménagement de véhicules utilitaires", ("Sébastien", "Marchand",
                                              "s.marchand@aul.example", "Maître d'apprentissage")),
    ("85678901200015", "Plateaux et Bennes du Sud-Est", "Chassieu",
     "Construction de plateaux et bennes", ("Delphine", "Roche", "d.roche@pbse.example",
                                            "Cheffe d'équipe")),
]


def referentiel(code: str) -> Referentiel:
    found = Referentiel.objects.filter(code=code, actif=True).order_by("-version").first()
    if found is None:
        raise CommandError(
            f"The demo needs the {code} referential, which is not synced. Install its plugin "
            f"(cpro-carrosserie for CPA, cpro-construction-vehicules for CAV), then run "
            f"'manage.py sync_referentiels' before 'manage.py load_demo'.")
    return found


def personne(username: str, first: str, last: str, *, password: str | None = PASSWORD,
             email: str = ""):
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": first, "last_name": last,
                                     "email": email or f"{username}@lycee-demo.example"})
    if created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    return user


def build(stdout) -> list[tuple[str, str, str]]:
    cpa, cav = referentiel("CPA"), referentiel("CAV")
    today = aujourdhui()
    annee = AnneeScolaire.pour_date(today)
    lycee, _ = Etablissement.objects.get_or_create(uai=UAI, defaults={
        "nom": "Lycée professionnel Ambroise-Croizat", "type": TypeEtablissement.LYCEE_PROFESSIONNEL,
        "academie": "Lyon", "commune": "Vénissieux"})
    classes = {
        "CPA": Classe.objects.get_or_create(etablissement=lycee, annee=annee, nom="1 CPA",
                                            defaults={"niveau": Niveau.PREMIERE,
                                                      "referentiel": cpa})[0],
        "CAV": Classe.objects.get_or_create(etablissement=lycee, annee=annee, nom="T CAV",
                                            defaults={"niveau": Niveau.TERMINALE,
                                                      "referentiel": cav})[0],
    }
    logins = []
    enseignants = {code: [] for code in classes}
    for username, first, last, type_, taught in PERSONNELS:
        user = personne(username, first, last)
        Role.objects.get_or_create(user=user, etablissement=lycee, type=type_,
                                   defaults={"debut": annee.debut})
        for code in taught:
            enseignants[code].append(user)
        logins.append((str(TypeRole(type_).label), username, PASSWORD))
    for code, classe in classes.items():
        affecter_enseignants(classe, enseignants[code])

    inspecteur = personne("ien.dupuis", "Bernard", "Dupuis")
    grant, created = Role.objects.get_or_create(
        user=inspecteur, etablissement=lycee, type=TypeRole.INSPECTEUR,
        defaults={"debut": today, "fin": today + datetime.timedelta(days=180),
                  "motif": "Inspection de l'équipe de carrosserie"})
    if created:
        grant.classes.set([classes["CPA"]])
    logins.append((str(TypeRole.INSPECTEUR.label) + " (1 CPA seulement)", inspecteur.username,
                   PASSWORD))

    apprenants = _apprenants(lycee, classes, annee)
    logins += _comptes_apprenants(apprenants)
    logins += _entreprises(lycee, apprenants, annee, today)
    _changement_de_statut(apprenants["CPA"][24 - 3], annee, today, stdout)
    stdout.write(f"Établissement {lycee}: {len(apprenants['CPA'])} + {len(apprenants['CAV'])} "
                 f"apprenants.\n")
    return logins


def _apprenants(lycee, classes, annee) -> dict[str, list]:
    """24 learners per class; in CAV the last six, in CPA the last three, are apprentices."""
    result = {}
    for offset, (code, classe) in enumerate(classes.items()):
        apprentis = 6 if code == "CAV" else 3
        result[code] = []
        for i in range(24):
            n = offset * 24 + i
            statut = Statut.APPRENTI if i >= 24 - apprentis else Statut.SCOLAIRE
            apprenant, _ = inscrire(
                lycee, ine=f"0{n + 1:08d}{'AB' if code == 'CPA' else 'CD'}",
                nom=NOMS[n].upper(), prenom=PRENOMS[n], statut=statut, classe=classe,
                debut=annee.debut, date_naissance=datetime.date(2008 + offset, 1 + i % 12,
                                                                1 + i))
            result[code].append(apprenant)
    return result


def _changement_de_statut(apprenant, annee, today, stdout) -> None:
    """One CPA pupil who signed an apprenticeship contract a month ago, staying in the class:
    the first CPA apprentice's path is rewritten once (scolaire, then apprenti) and their
    master follows them from that day. Their livret shows the columns before the change as
    "Sous statut scolaire". Idempotent: done only while their path has a single stretch."""
    parcours = list(apprenant.parcours.all())
    if len(parcours) != 1 or parcours[0].statut != Statut.APPRENTI:
        return
    changement = max(today - datetime.timedelta(days=30), annee.debut + datetime.timedelta(days=1))
    parcours[0].statut = Statut.SCOLAIRE
    parcours[0].save()
    changer_statut_ou_classe(parcours[0].etablissement, apprenant, date=changement,
                             statut=Statut.APPRENTI)
    apprenant.encadrements.filter(type=TypeEncadrement.MAITRE_APPRENTISSAGE).update(
        debut=changement)
    stdout.write(f"{apprenant.nom_complet} : scolaire puis apprenti depuis le "
                 f"{changement:%d/%m/%Y}.\n")


def _comptes_apprenants(apprenants) -> list[tuple[str, str, str]]:
    logins = []
    for code, username in [("CPA", "apprenant.cpa"), ("CAV", "apprenant.cav")]:
        apprenant = apprenants[code][0]
        if apprenant.user_id is None:
            apprenant.user = personne(username, apprenant.prenom, apprenant.nom.title())
            apprenant.save(update_fields=["user"])
        logins.append((f"Apprenant ({apprenant.nom_complet}, {code})", username, PASSWORD))
    return logins


def _entreprises(lycee, apprenants, annee, today) -> list[tuple[str, str, str]]:
    """Five companies; CPA pupils in a running PFMP, apprentices with their masters."""
    tuteurs = []
    for siret, nom, commune, secteur, (first, last, email, fonction) in ENTREPRISES:
        entreprise, _ = Entreprise.objects.get_or_create(
            etablissement=lycee, siret=siret,
            defaults={"nom": nom, "commune": commune, "secteur": secteur})
        user = personne(email, first, last, password=None, email=email)
        tuteurs.append(Tuteur.objects.get_or_create(user=user, entreprise=entreprise,
                                                    defaults={"fonction": fonction})[0])
    pfmp = (today - datetime.timedelta(days=10), today + datetime.timedelta(days=18))
    scolaires = [a for a in apprenants["CPA"] if a.parcours_au(today).statut == Statut.SCOLAIRE]
    # Two CPA pupils per internship tutor among the first three companies.
    for index, apprenant in enumerate(scolaires[:6]):
        Encadrement.objects.get_or_create(
            tuteur=tuteurs[index // 2], apprenant=apprenant, type=TypeEncadrement.TUTEUR_STAGE,
            defaults={"debut": pfmp[0], "fin": pfmp[1]})
    apprentis = [a for code in ("CPA", "CAV") for a in apprenants[code]
                 if a.parcours_au(today).statut == Statut.APPRENTI]
    for index, apprenant in enumerate(apprentis):
        Encadrement.objects.get_or_create(
            tuteur=tuteurs[3 + index % 2], apprenant=apprenant,
            type=TypeEncadrement.MAITRE_APPRENTISSAGE,
            defaults={"debut": annee.debut, "fin": annee.fin})
    return [
        ("Tuteur de stage (lien magique)", _lien(tuteurs[0].user, lycee), "—"),
        ("Maître d'apprentissage (lien magique)", _lien(tuteurs[3].user, lycee), "—"),
    ]


def _lien(user, lycee: Etablissement) -> str:
    """The demo's magic link for ``user`` (reused while valid, so reruns add nothing).

    Printed on the operator's console by ``load_demo`` so that the local demo can be tried
    without a mailbox; the web interface never shows a link (it is e-mailed to the tutor).
    """
    lien = (LienMagique.objects.valides().filter(user=user, cree_par=None).first()
            or LienMagique.objects.create(user=user, etablissement=lycee))
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + liens.adresse(lien)
