"""Included from the host's ``urls.py`` under ``bilans/documents/``."""
from django.urls import path

from . import vues_documents as vues

app_name = "bilans_documents"
urlpatterns = [
    path("bilans/<int:pk>/bilan.pdf", vues.bilan_pdf, name="bilan_pdf"),
    path("apprenants/<int:pk>/", vues.documents_apprenant, name="apprenant"),
    path("apprenants/<int:pk>/projection/", vues.projection_apprenant,
         name="projection_apprenant"),
    path("apprenants/<int:pk>/attestation/", vues.attestation_delivrer,
         name="attestation_delivrer"),
    path("attestations/<int:pk>/attestation.pdf", vues.attestation_pdf, name="attestation_pdf"),
    path("classes/<int:pk>/", vues.documents_classe, name="classe"),
    path("classes/<int:pk>/projection/", vues.projection_classe, name="projection_classe"),
    path("campagnes/<int:pk>/lot/", vues.lot_lancer, name="lot_lancer"),
]
