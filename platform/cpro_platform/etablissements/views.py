"""Pages of people who follow learners: "Mes classes", a class, a learner, "Mon profil",
"Mes apprenants", and the audit log. Every view goes through the access policy."""
from django.db.models import Count, Prefetch
from django.shortcuts import render
from django.utils.translation import gettext as _

from cpro_platform.acces import perimetres as p
from cpro_platform.acces.politique import may
from cpro_platform.acces.roles import apprenant_de
from cpro_platform.acces.vues import acces

from .historique import journal_apprenant, journal_personne
from .models import Encadrement, Inscription, Parcours


@acces("etablissements.view_mes_classes")
def mes_classes(request):
    classes = (p.classes_visibles(request.user)
               .select_related("etablissement", "annee", "referentiel")
               .annotate(effectif=Count("inscriptions", distinct=True))
               .order_by("-annee__debut", "etablissement__nom", "nom"))
    return render(request, "etablissements/mes_classes.html", {"classes": classes})


@acces("etablissements.view_classe", perimetre=p.classes_visibles, objet="classe")
def classe(request, classe):
    inscriptions = (classe.inscriptions.select_related("apprenant")
                    .prefetch_related(Prefetch("apprenant__parcours",
                                               queryset=Parcours.objects.order_by("-debut")))
                    .order_by("apprenant__nom", "apprenant__prenom"))
    return render(request, "etablissements/classe.html", {
        "classe": classe,
        "inscriptions": inscriptions,
        "enseignants": classe.enseignants.order_by("last_name", "first_name"),
    })


def _fiche(request, apprenant, titre: str):
    """The learner's record: path, classes, company periods (the livret will join them)."""
    visibles = p.classes_visibles(request.user).values("pk")
    return render(request, "etablissements/apprenant.html", {
        "titre": titre,
        "apprenant": apprenant,
        "parcours": apprenant.parcours.select_related("etablissement").order_by("-debut"),
        "inscriptions": (Inscription.objects.filter(apprenant=apprenant)
                         .select_related("classe__annee", "classe__etablissement",
                                         "classe__referentiel").order_by("-debut")),
        "classes_visibles": set(visibles.values_list("pk", flat=True)),
        "encadrements": (Encadrement.objects.filter(apprenant=apprenant)
                         .select_related("tuteur__user", "tuteur__entreprise")
                         .order_by("-debut")),
        "voit_historique": may(request.user, "etablissements.view_historique", apprenant),
    })


@acces("etablissements.view_apprenant", perimetre=p.apprenants_visibles, objet="apprenant")
def apprenant(request, apprenant):
    return _fiche(request, apprenant, apprenant.nom_complet)


@acces("etablissements.view_mon_profil")
def mon_profil(request):
    return _fiche(request, apprenant_de(request.user), _("Mon profil"))


@acces("etablissements.view_mes_apprenants")
def mes_apprenants(request):
    encadrements = p.mes_apprenants_encadres(request.user).select_related(
        "stage_pfmp").order_by("apprenant__nom", "apprenant__prenom")  # stage: issue 12 (B)
    return render(request, "etablissements/mes_apprenants.html",
                  {"encadrements": encadrements})


@acces("etablissements.view_historique", perimetre=p.apprenants_audites, objet="apprenant")
def historique_apprenant(request, apprenant):
    return render(request, "etablissements/historique.html", {
        "titre": _("Historique de %(nom)s") % {"nom": apprenant.nom_complet},
        "entrees": journal_apprenant(apprenant),
    })


@acces("etablissements.view_historique", perimetre=p.personnes_auditees, objet="personne")
def historique_personne(request, personne):
    nom = personne.get_full_name() or personne.get_username()
    return render(request, "etablissements/historique.html", {
        "titre": _("Historique de %(nom)s") % {"nom": nom},
        "entrees": journal_personne(personne),
    })
