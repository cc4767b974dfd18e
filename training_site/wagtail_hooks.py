"""Snippets of the Formation space in the CMS: themes, presenters, and the registrations."""
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from cpro_platform.tableurs import ExportNeutralise

from .models import Inscription, Intervenant, Thematique
from .permissions import InscriptionPermissionPolicy

# Before any view asks for it, or Wagtail falls back to the plain model policy.
register_permission_policy(Inscription, InscriptionPermissionPolicy(Inscription))


class ThematiqueViewSet(SnippetViewSet):
    model = Thematique
    icon = "tag"
    list_display = ["nom", "ordre"]
    search_fields = ["nom"]


class IntervenantViewSet(SnippetViewSet):
    model = Intervenant
    icon = "user"
    list_display = ["nom", "fonction"]
    search_fields = ["nom", "fonction"]


class InscriptionIndexView(ExportNeutralise, IndexView):
    """Names come from the public registration form: exported as inert text, never formulas."""


class InscriptionViewSet(SnippetViewSet):
    """Registrations, for the editors who run the sessions: filter, export, correct a name.
    No hand-made places: adding and deleting are refused (see ``InscriptionPermissionPolicy``)
    and the state is read-only, so the waiting list follows the registration rules only."""

    model = Inscription
    index_view_class = InscriptionIndexView
    icon = "list-ul"
    list_display = ["email", "nom", "webinaire", "statut", "cree_le"]
    list_filter = ["statut", "webinaire"]
    list_export = ["email", "nom", "webinaire", "statut", "cree_le", "promu_le", "annule_le"]
    export_filename = "inscriptions-webinaires"
    search_fields = ["email", "nom"]
    copy_view_enabled = False
    panels = [FieldPanel("webinaire", read_only=True), FieldPanel("email", read_only=True),
              FieldPanel("statut", read_only=True), FieldPanel("nom")]
    inspect_view_enabled = True


class FormationGroup(SnippetViewSetGroup):
    items = (ThematiqueViewSet, IntervenantViewSet, InscriptionViewSet)
    menu_icon = "calendar"
    menu_label = _("Formation")
    menu_name = "formation"


register_snippet(FormationGroup)
