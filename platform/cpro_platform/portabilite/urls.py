"""Included from the host's ``urls.py`` under ``gestion/`` (the administration)."""
from django.urls import path

from . import views

app_name = "portabilite"
E = "<int:etablissement>/"
urlpatterns = [
    path(E + "apprenants/<int:pk>/dossier/", views.exporter, name="exporter"),
    path(E + "dossiers/importer/", views.importer_dossier, name="importer"),
    path(E + "dossiers/importer/confirmer/", views.confirmer, name="confirmer"),
]
