"""Administration of classes and of their teachers."""
from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from cpro_platform.acces.vues import objet_ou_404

from ..models import Etablissement
from ..services import affecter_enseignants
from .base import administration, page
from .forms import ClasseForm


@administration()
def classes(request, etablissement: Etablissement):
    classes = (etablissement.classes.select_related("annee", "referentiel")
               .prefetch_related("enseignants")
               .annotate(effectif=Count("inscriptions", distinct=True)))
    return page(request, etablissement, "classes.html", "classes", classes=classes)


def _formulaire(request, etablissement, classe=None):
    form = ClasseForm(request.POST or None, instance=classe, etablissement=etablissement)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            classe = form.save()
            affecter_enseignants(classe, form.cleaned_data["enseignants"])
        messages.success(request, _("Classe « %(nom)s » enregistrée.") % {"nom": classe.nom})
        return redirect("gestion:classes", etablissement=etablissement.pk)
    title = _("Modifier la classe %(nom)s") % {"nom": classe.nom} if classe else _(
        "Nouvelle classe")
    return page(request, etablissement, "formulaire.html", "classes", form=form, titre=title)


@administration()
def classe_ajouter(request, etablissement: Etablissement):
    return _formulaire(request, etablissement)


@administration()
def classe_modifier(request, etablissement: Etablissement, pk: int):
    return _formulaire(request, etablissement, objet_ou_404(etablissement.classes.all(), pk=pk))
