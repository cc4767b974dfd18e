"""Snippets of the Ressources space in the CMS."""
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CategorieRessource


class CategorieRessourceViewSet(SnippetViewSet):
    model = CategorieRessource
    icon = "folder-open-inverse"
    list_display = ["nom", "ordre"]
    search_fields = ["nom"]


register_snippet(CategorieRessourceViewSet)
