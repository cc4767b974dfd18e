"""Administration of companies, their tutors and masters, tutoring periods and magic links.

A link is e-mailed to the tutor and never shown here: the administrator sees where and when it
went and what became of it (``comptes.liens``).
"""
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cpro_platform.acces.vues import objet_ou_404
from cpro_platform.comptes import liens
from cpro_platform.comptes.notifications import moment
from cpro_platform.comptes.attributions import ouvrir_suivi
from cpro_platform.comptes.models import LienMagique

from ..models import Encadrement, Etablissement, Tuteur
from .base import administration, apprenants_de, page
from .forms import EncadrementForm, EntrepriseForm, TuteurForm

User = get_user_model()


@administration()
def entreprises(request, etablissement: Etablissement):
    return page(request, etablissement, "entreprises.html", "entreprises",
                entreprises=etablissement.entreprises.prefetch_related("tuteurs__user"))


@administration()
def entreprise_ajouter(request, etablissement: Etablissement):
    form = EntrepriseForm(request.POST or None, etablissement=etablissement)
    if request.method == "POST" and form.is_valid():
        entreprise = form.save()
        return redirect("gestion:entreprise", etablissement=etablissement.pk, pk=entreprise.pk)
    return page(request, etablissement, "formulaire.html", "entreprises", form=form,
                titre=_("Nouvelle entreprise"))


@administration()
def entreprise(request, etablissement: Etablissement, pk: int):
    entreprise = objet_ou_404(etablissement.entreprises.all(), pk=pk)
    bound = request.POST.get("formulaire") if request.method == "POST" else None
    form = EntrepriseForm(request.POST if bound == "entreprise" else None, instance=entreprise,
                          etablissement=etablissement)
    tuteur_form = TuteurForm(request.POST if bound == "tuteur" else None, prefix="tuteur",
                             etablissement=etablissement)
    if bound == "entreprise" and form.is_valid():
        form.save()
        messages.success(request, _("Modifications enregistrées."))
        return redirect(request.path)
    if bound == "tuteur" and tuteur_form.is_valid():
        tuteur = _ajouter_tuteur(etablissement, entreprise, tuteur_form)
        if tuteur:
            return redirect("gestion:tuteur", etablissement=etablissement.pk, pk=tuteur.pk)
    return page(request, etablissement, "entreprise.html", "entreprises", entreprise=entreprise,
                form=form, tuteur_form=tuteur_form,
                tuteurs=entreprise.tuteurs.select_related("user"))


@transaction.atomic
def _ajouter_tuteur(etablissement, entreprise, form: TuteurForm) -> Tuteur | None:
    """A tutor's account is keyed by e-mail; an existing one is reused only if it belongs to a
    tutor of this establishment (never someone else's account)."""
    data = form.cleaned_data
    email = data["email"].strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(username=email, email=email, first_name=data["prenom"],
                    last_name=data["nom"])
        user.set_unusable_password()
        user.save()
    elif not Tuteur.objects.filter(user=user, entreprise__etablissement=etablissement).exists():
        form.add_error("email", _("Un compte existe déjà avec cette adresse : saisissez "
                                  "l'adresse professionnelle du tuteur."))
        return None
    tuteur, _created = Tuteur.objects.get_or_create(
        user=user, entreprise=entreprise,
        defaults={"fonction": data["fonction"], "telephone": data["telephone"]})
    return tuteur


def _tuteur(etablissement, pk):
    return objet_ou_404(Tuteur.objects.filter(entreprise__etablissement=etablissement)
                        .select_related("user", "entreprise"), pk=pk)


def _liens(etablissement):
    """The links this establishment sent (and those from before links knew their sender)."""
    return LienMagique.objects.filter(Q(etablissement=etablissement)
                                      | Q(etablissement__isnull=True))


@administration()
def tuteur(request, etablissement: Etablissement, pk: int):
    tuteur = _tuteur(etablissement, pk)
    apprenants = apprenants_de(etablissement)
    form = EncadrementForm(request.POST or None, apprenants=apprenants,
                           instance=Encadrement(tuteur=tuteur))
    if request.method == "POST" and form.is_valid():
        ouvrir_suivi(form.save(commit=False), par=request.user)
        messages.success(request, _("Période de suivi enregistrée."))
        return redirect(request.path)
    return page(request, etablissement, "tuteur.html", "entreprises", tuteur=tuteur, form=form,
                encadrements=tuteur.encadrements.select_related("apprenant"),
                liens=_liens(etablissement).filter(user=tuteur.user),
                refus_de_lien=liens.refus_d_envoi(tuteur.user, etablissement))


@administration()
@require_POST
def lien_creer(request, etablissement: Etablissement, pk: int):
    tuteur = _tuteur(etablissement, pk)
    try:
        lien = liens.envoyer_lien(tuteur.user, etablissement=etablissement, par=request.user,
                                  request=request)
    except liens.EnvoiImpossible as refus:
        messages.error(request, str(refus))
    else:
        messages.success(request, _("Lien envoyé à %(email)s le %(date)s.") % {
            "email": lien.envoye_a_masque,
            "date": moment(lien.cree_le)})
    return redirect("gestion:tuteur", etablissement=etablissement.pk, pk=tuteur.pk)


@administration()
@require_POST
def lien_revoquer(request, etablissement: Etablissement, pk: int):
    tuteurs = Tuteur.objects.filter(entreprise__etablissement=etablissement)
    lien = objet_ou_404(_liens(etablissement).filter(user__in=tuteurs.values("user")), pk=pk)
    liens.revoquer(lien)
    messages.success(request, _("Le lien est révoqué : il n'ouvre plus aucune session."))
    tuteur = tuteurs.filter(user=lien.user).first()
    return redirect("gestion:tuteur", etablissement=etablissement.pk, pk=tuteur.pk)
