"""Administration of people: staff roles, inspector grants, identities.

Roles go through ``comptes.attributions`` (never to oneself, told to the DDFPT); a changed
address is told to the DDFPT and to the old address, since links and resets follow it.
"""
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cpro_platform.acces import perimetres as p
from cpro_platform.acces.vues import objet_ou_404
from cpro_platform.comptes import notifications
from cpro_platform.comptes.attributions import accorder_role
from cpro_platform.comptes.forms import PersonneForm
from cpro_platform.comptes.models import TypeRole

from ..models import Etablissement, aujourdhui
from .base import administration, page, personnes_de
from .forms import RoleForm

User = get_user_model()


def _roles(etablissement, **filters):
    return (etablissement.roles.filter(**filters).select_related("user")
            .prefetch_related("classes").order_by("user__last_name", "user__first_name", "type"))


@administration()
def personnes(request, etablissement: Etablissement):
    roles = _roles(etablissement).exclude(type=TypeRole.INSPECTEUR)
    return page(request, etablissement, "personnes.html", "personnes", roles=roles,
                aujourdhui=aujourdhui())


@administration()
def inspections(request, etablissement: Etablissement):
    return page(request, etablissement, "inspections.html", "inspections",
                roles=_roles(etablissement, type=TypeRole.INSPECTEUR), aujourdhui=aujourdhui())


@administration()
def personne_ajouter(request, etablissement: Etablissement):
    """A new account with its first role here (an inspector grant is one too)."""
    initial = {"type": request.GET.get("type", TypeRole.ENSEIGNANT)}
    personne_form = PersonneForm(request.POST or None, prefix="personne")
    role_form = RoleForm(request.POST or None, prefix="role", etablissement=etablissement,
                         par=request.user, initial=initial)
    if request.method == "POST" and personne_form.is_valid() and role_form.is_valid():
        with transaction.atomic():
            personne = personne_form.save(commit=False)
            personne.set_unusable_password()
            personne.save()
            _enregistrer_role(request, role_form, personne)
        messages.success(request, _("%(nom)s a été ajouté(e). Pour sa première connexion, la "
                                    "personne utilise « Mot de passe oublié ».")
                         % {"nom": personne.get_full_name()})
        return redirect("gestion:personne", etablissement=etablissement.pk, pk=personne.pk)
    return page(request, etablissement, "personne_ajouter.html", "personnes",
                personne_form=personne_form, role_form=role_form)


def _enregistrer_role(request, role_form: RoleForm, personne) -> None:
    role = role_form.save(commit=False)
    role.user = personne
    accorder_role(role, par=request.user, classes=role_form.cleaned_data["classes"])


@administration()
def personne(request, etablissement: Etablissement, pk: int):
    personne = objet_ou_404(personnes_de(etablissement), pk=pk)
    modifiable = p.personne_modifiable(request.user, personne)
    personne_form = PersonneForm(instance=personne, prefix="personne")
    role_form = RoleForm(prefix="role", etablissement=etablissement)
    if request.method == "POST" and "personne-first_name" in request.POST and modifiable:
        ancienne = personne.email
        personne_form = PersonneForm(request.POST, instance=personne, prefix="personne")
        if personne_form.is_valid():
            with transaction.atomic():
                personne_form.save()
                if personne.email != ancienne:  # where links and password resets now go
                    notifications.adresse_changee(personne, ancienne, request.user,
                                                  etablissement)
            messages.success(request, _("Modifications enregistrées."))
            return redirect(request.path)
    elif request.method == "POST" and "role-type" in request.POST:
        role_form = RoleForm(request.POST, prefix="role", etablissement=etablissement,
                             personne=personne, par=request.user)
        if role_form.is_valid():
            _enregistrer_role(request, role_form, personne)
            messages.success(request, _("Rôle ajouté."))
            return redirect(request.path)
    return page(request, etablissement, "personne.html", "personnes", personne=personne,
                modifiable=modifiable, personne_form=personne_form, role_form=role_form,
                roles=_roles(etablissement, user=personne), aujourdhui=aujourdhui(),
                audite=p.personnes_auditees(request.user).filter(pk=personne.pk).exists())


@administration()
@require_POST
def role_terminer(request, etablissement: Etablissement, pk: int):
    """End a role today (a role not yet started is withdrawn); the audit log keeps it."""
    role = objet_ou_404(etablissement.roles.all(), pk=pk)
    if role.user_id == request.user.pk and role.type == TypeRole.ADMINISTRATEUR:
        messages.error(request, _("Vous ne pouvez pas mettre fin à votre propre rôle "
                                  "d'administrateur : demandez-le à un autre administrateur."))
    else:
        role.terminer()
        messages.success(request, _("Le rôle a pris fin."))
    target = "gestion:inspections" if role.type == TypeRole.INSPECTEUR else "gestion:personne"
    kwargs = {"etablissement": etablissement.pk}
    if target == "gestion:personne":
        kwargs["pk"] = role.user_id
    return redirect(target, **kwargs)
