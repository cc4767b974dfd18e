"""Included from the host's ``urls.py`` under ``exports/``."""
from django.urls import path

from . import vues

app_name = "exports"
urlpatterns = [
    path("classes/<int:pk>/", vues.classe, name="classe"),
    path("classes/<int:pk>/<slug:code>/", vues.exporter_classe, name="exporter_classe"),
    path("apprenants/<int:pk>/", vues.apprenant, name="apprenant"),
    path("apprenants/<int:pk>/<slug:code>/", vues.exporter_apprenant,
         name="exporter_apprenant"),
    path("lots/<int:pk>/", vues.lot, name="lot"),
    path("lots/<int:pk>/fichier", vues.lot_telecharger, name="lot_telecharger"),
]
