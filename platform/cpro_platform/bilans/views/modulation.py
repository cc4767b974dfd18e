"""The modulation form of any stored mark (an épreuve's, a period's), posted and applied."""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..forms import ModulationForm
from ..modulation import lire_modulation, moduler

DEPASSEE = gettext_lazy(
    "Cette note a été recalculée ou modulée par quelqu’un d’autre depuis l’ouverture de la "
    "page : rien n’a été enregistré. Vérifiez la note affichée, puis modulez-la à nouveau.")


def moduler_poste(post, courante, auteur):
    """The posted modulation applied to ``courante`` (a new current mark), if ``courante`` is
    the mark the page showed (its id posted as ``note``). A refusal is a
    ``ValidationError`` whose ``contexte`` holds the bound form, to show it again."""
    if courante is None:
        raise ValidationError(_("Calculez d’abord la note : la modulation s’applique à la "
                                "note calculée."))
    form = ModulationForm(post)
    try:
        if (post.get("note") or "").strip() != str(courante.pk):
            # The page showed another mark: a colleague recalculated or modulated it since.
            raise ValidationError(DEPASSEE)
        if not form.is_valid():
            raise ValidationError(_("Indiquez une modulation."))
        return moduler(courante, lire_modulation(form.cleaned_data["modulation"]),
                       form.cleaned_data["motif"], auteur)
    except ValidationError as erreur:
        erreur.contexte = {"modulation_form": form}
        raise
