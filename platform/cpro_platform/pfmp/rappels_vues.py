"""The following teacher's "Relancer": send a placement's due reminders again, now."""
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cpro_platform.acces.vues import acces

from .models import StagePFMP
from .rappels import envoyer_rappels
from .rappels_acces import stages_relancables


@acces("pfmp.relancer_stage", perimetre=stages_relancables, objet="stage")
@require_POST
def relancer(request, stage):
    compte = envoyer_rappels(stages=StagePFMP.objects.filter(pk=stage.pk), par=request.user)
    for envoye in compte.envoyes:
        messages.success(request, _("Rappel envoyé : %(quoi)s.") % {"quoi": envoye})
    for refus in compte.refuses:
        messages.warning(request, _("Rappel non envoyé : %(quoi)s") % {"quoi": refus})
    if compte.deja:
        messages.info(request, _("%(n)s rappel(s) déjà envoyé(s) il y a moins d'un jour.")
                      % {"n": compte.deja})
    if not (compte.envoyes or compte.refuses or compte.deja):
        messages.info(request, _("Aucun rappel à envoyer : la grille est remplie et "
                                 "l'attestation signée, ou la PFMP n'est pas près de finir."))
    # Back to the page the button was on (A's PFMP pages), else the learner's livret.
    suivant = request.POST.get("suivant", "")
    if url_has_allowed_host_and_scheme(suivant, {request.get_host()},
                                       require_https=request.is_secure()):
        return redirect(suivant)
    return redirect("livret:livret", stage.apprenant_id)
