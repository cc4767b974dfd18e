"""Snippets of the Formation space in the CMS: themes, presenters, and the registrations."""
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Inscription, Intervenant, Thematique


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


class InscriptionViewSet(SnippetViewSet):
    """Registrations, for the editors who run the sessions: filter, export; no hand edits of
    places (the waiting list is managed by the registration rules)."""

    model = Inscription
    icon = "list-ul"
    list_display = ["email", "nom", "webinaire", "statut", "cree_le"]
    list_filter = ["statut", "webinaire"]
    list_export = ["email", "nom", "webinaire", "statut", "cree_le", "promu_le", "annule_le"]
    export_filename = "inscriptions-webinaires"
    search_fields = ["email", "nom"]
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True


class FormationGroup(SnippetViewSetGroup):
    items = (ThematiqueViewSet, IntervenantViewSet, InscriptionViewSet)
    menu_icon = "calendar"
    menu_label = _("Formation")
    menu_name = "formation"


register_snippet(FormationGroup)
