"""Included from the host's ``urls.py`` under ``gestion/`` (next to the administration)."""
from django.urls import path

from . import vues

app_name = "imports"
E = "<int:etablissement>/imports/"
urlpatterns = [
    path(E, vues.imports, name="index"),
    path(E + "suivi/<int:importation>/", vues.importation, name="importation"),
    path(E + "suivi/<int:importation>/confirmer/", vues.confirmer, name="confirmer"),
    path(E + "<slug:type>/", vues.importer, name="importer"),
]
