"""Included from the host's ``urls.py`` under ``gestion/`` (the administration)."""
from django.urls import path

from . import views

app_name = "portabilite"
E = "<int:etablissement>/"
urlpatterns = [
    path(E + "apprenants/<int:pk>/dossier/", views.exporter, name="exporter"),
    path(E + "dossiers/importer/", views.importer_dossier, name="importer"),
    path(E + "dossiers/imports/<int:pk>/", views.dossier, name="dossier"),
    path(E + "dossiers/imports/<int:pk>/confirmer/", views.confirmer, name="confirmer"),
]
