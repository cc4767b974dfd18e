"""Opening a bilan campaign: one draft bilan per learner enrolled at the date, prefilled by the
bilan rule (``Regles.suggerer_bilan``) from what is known at that date (``etats``).

All or nothing: a refused campaign (no title, a title already used, nobody enrolled) writes
nothing. A failing bilan rule does not block the campaign: the levels are left empty, the
failure is returned in ``incidents`` (the page names the plugin) and the teacher enters them.
"""
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cpro_platform.etablissements.models import Apprenant, Classe, Inscription
from cpro_platform.referentials.regles import ref_de
from cpro_platform.regles import BilanSuggere, Incidents, regles

from .etats import etats_a_la_date
from .models import Bilan, Campagne, NiveauBilan, OrigineNiveau

ORIGINES = {OrigineNiveau.POSITIONNEMENT, OrigineNiveau.SUGGESTION, OrigineNiveau.AUCUN}


def apprenants_inscrits(classe: Classe, date: datetime.date) -> list[Apprenant]:
    return list(Apprenant.objects.filter(pk__in=Inscription.objects.actives(date).filter(
        classe=classe).values("apprenant")).order_by("nom", "prenom", "pk"))


def _lignes(bilan: Bilan, competences, suggere: BilanSuggere | None, echelle) -> list:
    """The draft's levels: the rule's proposal where it is on the scale, else none."""
    proposes = {n.competence: n for n in suggere.niveaux} if suggere else {}
    lignes = []
    for competence in competences:
        n = proposes.get(competence.code)
        niveau = n.niveau if n is not None and n.niveau in echelle else None
        if n is None:
            origine, raison = OrigineNiveau.AUCUN, (
                _("la règle de bilan n’a rien proposé") if suggere is None else "")
        elif niveau is None and n.niveau is not None:
            origine, raison = OrigineNiveau.AUCUN, _(
                "niveau proposé %(niveau)s hors de l’échelle : ignoré") % {"niveau": n.niveau}
        else:
            origine = n.origine if n.origine in ORIGINES else OrigineNiveau.SUGGESTION
            raison = n.raison
        lignes.append(NiveauBilan(bilan=bilan, competence=competence, niveau=niveau,
                                  niveau_propose=niveau, origine=origine, raison=raison))
    return lignes


def ouvrir_campagne(classe: Classe, *, titre: str, date: datetime.date, auteur
                    ) -> tuple[Campagne, Incidents]:
    """Open the campaign and its drafts; raise ``ValidationError`` (French) when refused."""
    titre = (titre or "").strip()
    erreurs = {}
    if not titre:
        erreurs["titre"] = _("Donnez un titre à la campagne (par exemple « Bilan de fin de "
                             "1re période »).")
    elif Campagne.objects.filter(classe=classe, titre=titre).exists():
        erreurs["titre"] = _("La classe a déjà une campagne « %(titre)s » : choisissez un "
                             "autre titre.") % {"titre": titre}
    apprenants = apprenants_inscrits(classe, date)
    if not apprenants:
        erreurs["date"] = _("Aucun apprenant n’est inscrit dans la classe le %(date)s.") % {
            "date": date.strftime("%d/%m/%Y")}
    if erreurs:
        raise ValidationError(erreurs)

    referentiel = classe.referentiel
    etats = etats_a_la_date([a.pk for a in apprenants], referentiel, date)
    incidents = etats.incidents
    ref = ref_de(referentiel)
    with transaction.atomic():
        campagne = Campagne.objects.create(classe=classe, titre=titre, date=date,
                                           ouverte_par=auteur)
        bilans = Bilan.objects.bulk_create(
            Bilan(apprenant=a, campagne=campagne, referentiel=referentiel, date=date,
                  cree_par=auteur) for a in apprenants)
        lignes = []
        for bilan in bilans:
            suggere = regles().suggerer_bilan(ref, date, etats.par_apprenant[bilan.apprenant_id],
                                              etats.valeurs, incidents=incidents)
            lignes += _lignes(bilan, etats.competences, suggere, etats.valeurs)
        NiveauBilan.objects.bulk_create(lignes)
    return campagne, incidents
