"""Administration of learners: enrolment, identity, change of statut, departure, account."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cpro_platform.acces.vues import objet_ou_404

from ..models import Etablissement, Inscription, Parcours
from ..services import (
    OperationImpossible, changer_statut_ou_classe, creer_compte_apprenant, inscrire, quitter)
from .base import administration, apprenants_de, page
from .forms import (
    ApprenantForm, CompteForm, DepartForm, InscriptionApprenantForm, InscriptionClasseForm,
    ParcoursForm)


@administration()
def apprenants(request, etablissement: Etablissement):
    apprenants = (apprenants_de(etablissement).order_by("nom", "prenom").prefetch_related(
        Prefetch("parcours", queryset=Parcours.objects.filter(etablissement=etablissement)),
        Prefetch("inscriptions", queryset=Inscription.objects.filter(
            classe__etablissement=etablissement).select_related("classe__annee"))))
    return page(request, etablissement, "apprenants.html", "apprenants", apprenants=apprenants)


@administration()
def apprenant_ajouter(request, etablissement: Etablissement):
    form = InscriptionApprenantForm(request.POST or None, etablissement=etablissement)
    if request.method == "POST" and form.is_valid():
        try:
            apprenant, created = inscrire(etablissement, **form.cleaned_data)
        except OperationImpossible as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(nom)s est inscrit(e).") % {"nom": apprenant.nom_complet}
                             if created else _("%(nom)s était déjà connu(e) par son INE : son "
                                               "parcours antérieur est conservé.")
                             % {"nom": apprenant.nom_complet})
            return redirect("gestion:apprenant", etablissement=etablissement.pk, pk=apprenant.pk)
    return page(request, etablissement, "formulaire.html", "apprenants", form=form,
                titre=_("Inscrire un apprenant"))


def _forms(etablissement, apprenant, data=None, bound: str = ""):
    """The page's forms; only the one named ``bound`` receives the posted data."""
    def d(name):
        return data if name == bound else None
    return {
        "identite": ApprenantForm(d("identite"), instance=apprenant, prefix="identite"),
        "parcours": ParcoursForm(d("parcours"), prefix="parcours", etablissement=etablissement,
                                 initial={"statut": getattr(apprenant.parcours_au(), "statut",
                                                            None)}),
        "depart": DepartForm(d("depart"), prefix="depart"),
        "classe": InscriptionClasseForm(d("classe"), prefix="classe",
                                        etablissement=etablissement),
        "compte": CompteForm(d("compte"), prefix="compte"),
    }


def _appliquer(name: str, form, etablissement, apprenant) -> str:
    """Apply the valid form ``name``; returns the message to show."""
    data = form.cleaned_data
    if name == "identite":
        form.save()
        return _("Modifications enregistrées.")
    if name == "parcours":
        changer_statut_ou_classe(etablissement, apprenant, date=data["date"],
                                 statut=data["statut"], classe=data["classe"])
        return _("Changement enregistré ; le parcours précédent et ce qui y a été évalué "
                 "restent dans le livret.")
    if name == "depart":
        quitter(etablissement, apprenant, data["date"])
        return _("Le départ est enregistré.")
    if name == "classe":
        Inscription.objects.get_or_create(apprenant=apprenant, classe=data["classe"],
                                          defaults={"debut": data["debut"]})
        return _("Inscription enregistrée.")
    password = creer_compte_apprenant(apprenant, data["username"])
    return _("Compte créé : identifiant « %(u)s », mot de passe provisoire « %(p)s » "
             "(à communiquer à l'apprenant, qui le changera).") % {
        "u": data["username"], "p": password}


@administration()
def apprenant(request, etablissement: Etablissement, pk: int):
    apprenant = objet_ou_404(apprenants_de(etablissement), pk=pk)
    bound = request.POST.get("formulaire", "") if request.method == "POST" else ""
    forms = _forms(etablissement, apprenant, request.POST, bound)
    if bound in forms and forms[bound].is_valid():
        try:
            messages.success(request, _appliquer(bound, forms[bound], etablissement, apprenant))
            return redirect(request.path)
        except OperationImpossible as error:
            forms[bound].add_error(None, str(error))
        except ValidationError as error:  # e.g. a new path overlapping an older one
            forms[bound].add_error(None, error.messages)
    return page(request, etablissement, "apprenant.html", "apprenants", apprenant=apprenant,
                forms=forms, parcours=apprenant.parcours.select_related(
                    "etablissement").order_by("-debut"),
                inscriptions=apprenant.inscriptions.select_related(
                    "classe__annee", "classe__etablissement").order_by("-debut"))


@administration()
@require_POST
def inscription_terminer(request, etablissement: Etablissement, pk: int):
    """The learner leaves the class today (the membership stays in the history)."""
    inscription = objet_ou_404(Inscription.objects.filter(classe__etablissement=etablissement),
                               pk=pk)
    inscription.terminer()
    messages.success(request, _("L'apprenant ne fait plus partie de la classe %(nom)s.")
                     % {"nom": inscription.classe.nom})
    return redirect("gestion:apprenant", etablissement=etablissement.pk,
                    pk=inscription.apprenant_id)
