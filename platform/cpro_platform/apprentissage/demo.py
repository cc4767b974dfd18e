"""Demo step: one apprentice's livret d'apprentissage — the contract with the master the demo
already links to them (who signs in by the magic link the establishment's step prints), the
alternance calendar, the master's entries, one review signed by all three and one in
progress. The apprentice gets an account to comment and sign.

Idempotent: nothing is added once the apprentice has a contract. Dates follow the school year
the demo is loaded in.
"""
import datetime

from django.core.exceptions import ValidationError

from cpro_platform.etablissements.demo import PASSWORD, UAI, personne
from cpro_platform.etablissements.models import (
    Classe, Encadrement, Statut, TypeEncadrement, aujourdhui)

from .bilans import ecrire, ouvrir_bilan, signer
from .calendrier import enregistrer_semaines, motif, periodes_entreprise
from .contrats import enregistrer_contrat
from .entrees import ecrire_entree
from .models import Contrat

LOGIN_APPRENTI = "apprenti.cpa"
TRAVAUX = [
    ("Dépose et repose de boucliers et d'optiques ; préparation des véhicules avant peinture.",
     "Travail soigné, demande conseil à bon escient."),
    ("Débosselage sans peinture sur portières, masticage et ponçage.",
     "Progrès nets sur le ponçage ; doit encore gagner en rapidité."),
    ("Remplacement d'un élément soudé avec le compagnon ; contrôle au marbre.",
     "Respecte les consignes de sécurité, bon esprit d'équipe."),
    ("Préparation et application d'apprêts, masquage avant mise en cabine.",
     "Autonome sur le masquage."),
]


def _apprenti_et_lien():
    """The first apprentice of the demo's 1 CPA, and their master's link."""
    classe = (Classe.objects.filter(etablissement__uai=UAI, nom="1 CPA")
              .order_by("-annee__debut").first())
    if classe is None:
        return None, None
    today = aujourdhui()
    for inscription in classe.inscriptions.select_related("apprenant").order_by("apprenant__ine"):
        apprenant = inscription.apprenant
        parcours = apprenant.parcours_au(today)
        lien = Encadrement.objects.filter(apprenant=apprenant,
                                          type=TypeEncadrement.MAITRE_APPRENTISSAGE).first()
        if parcours and parcours.statut == Statut.APPRENTI and lien:
            return apprenant, lien
    return None, None


def build(stdout) -> list[tuple[str, str, str]]:
    apprenant, lien = _apprenti_et_lien()
    if apprenant is None:
        return []
    if apprenant.user_id is None:
        apprenant.user = personne(LOGIN_APPRENTI, apprenant.prenom, apprenant.nom.title())
        apprenant.save(update_fields=["user"])
    logins = [(f"Apprenti ({apprenant.nom_complet}, livret d'apprentissage)",
               apprenant.user.username, PASSWORD)]
    if Contrat.objects.filter(apprenant=apprenant).exists():
        return logins
    classe = apprenant.inscriptions.select_related("classe").first().classe
    formateur = classe.enseignants.order_by("last_name").first()
    contrat = Contrat(apprenant=apprenant, employeur=lien.tuteur.entreprise, maitre=lien.tuteur,
                      encadrement=lien, formateur_referent=formateur, debut=lien.debut,
                      fin=lien.fin + datetime.timedelta(days=365),
                      numero="069202500417", convention_collective=(
                          "Services de l'automobile (commerce et réparation)"),
                      idcc="1090", representant="Sébastien Marchand, gérant",
                      telephone="04 72 00 00 00", email="contact@aul.example")
    try:
        enregistrer_contrat(contrat)
    except ValidationError as erreur:  # another step changed this learner's path
        stdout.write(f"Livret d'apprentissage non créé : {'; '.join(erreur.messages)}\n")
        return logins
    _calendrier(contrat)
    _entrees(contrat)
    _bilans(contrat, formateur)
    stdout.write(f"Livret d'apprentissage : contrat de {apprenant.nom_complet} chez "
                 f"{contrat.employeur.nom}.\n")
    return logins


def _calendrier(contrat: Contrat) -> None:
    semaines = motif(contrat, contrat.debut, [("cfa", 2), ("entreprise", 2)])
    for lundi in semaines:  # the winter and summer holidays
        fin_de_semaine = lundi + datetime.timedelta(days=6)
        noel = any(datetime.date(annee, 12, 25) <= fin_de_semaine and
                   lundi <= datetime.date(annee + 1, 1, 1)
                   for annee in (lundi.year - 1, lundi.year))
        if noel or (lundi.month == 8 and lundi.day <= 21):
            semaines[lundi] = "conge"
    enregistrer_semaines(contrat, semaines)


def _entrees(contrat: Contrat) -> None:
    passees = [p for p in periodes_entreprise(contrat) if p.fin < aujourdhui()]
    for i, periode in enumerate(passees):
        travaux, observations = TRAVAUX[i % len(TRAVAUX)]
        ecrire_entree(contrat, periode.debut, travaux=travaux, observations=observations,
                      auteur=contrat.maitre.user)


def _bilans(contrat: Contrat, formateur) -> None:
    today = aujourdhui()
    maitre, apprenti = contrat.maitre.user, contrat.apprenant.user
    fin_premier = min(today, contrat.debut + datetime.timedelta(days=60))
    premier = ouvrir_bilan(contrat, date=fin_premier, debut=contrat.debut, fin=fin_premier,
                           auteur=formateur)
    ecrire(premier, "maitre", {"appreciation_maitre": "Bonne intégration dans l'équipe, "
                                                      "ponctuel et motivé."})
    ecrire(premier, "formateur", {"appreciation_formateur": "Résultats réguliers au CFA.",
                                  "objectifs": "Gagner en autonomie sur la préparation."})
    ecrire(premier, "apprenti", {"commentaire_apprenti": "Je me sens bien dans l'atelier."})
    signer(premier, maitre, "maitre", maitre.get_full_name())
    signer(premier, formateur, "formateur", formateur.get_full_name())
    signer(premier, apprenti, "apprenti", contrat.apprenant.nom_complet)
    debut_second = min(today, fin_premier + datetime.timedelta(days=1))
    second = ouvrir_bilan(contrat, date=today, debut=debut_second, fin=today, auteur=formateur)
    ecrire(second, "maitre", {"appreciation_maitre": "Progresse en carrosserie, doit soigner "
                                                     "les finitions."})
    signer(second, maitre, "maitre", maitre.get_full_name())
