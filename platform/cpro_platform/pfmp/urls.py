from django.urls import path

from . import rappels_urls, views, views_stage

app_name = "pfmp"
urlpatterns = [
    *rappels_urls.urlpatterns,
    path("classes/<int:pk>/", views.classe, name="classe"),
    path("classes/<int:pk>/periodes/ajouter/", views.periode_ajouter, name="periode_ajouter"),
    path("periodes/<int:pk>/", views.periode_modifier, name="periode_modifier"),
    path("periodes/<int:pk>/affecter/", views_stage.stage_ajouter, name="stage_ajouter"),
    path("apprenants/<int:pk>/", views.apprenant, name="apprenant"),
    path("stages/<int:pk>/", views_stage.stage, name="stage"),
    path("stages/<int:pk>/modifier/", views_stage.stage_modifier, name="stage_modifier"),
    path("stages/<int:pk>/attestation/", views_stage.attestation, name="attestation"),
    path("stages/<int:pk>/signer/", views_stage.signer, name="signer"),
    path("stages/<int:pk>/visites/ajouter/", views_stage.visite_ajouter, name="visite_ajouter"),
    path("stages/<int:pk>/convention.pdf", views_stage.convention_pdf, name="convention_pdf"),
    path("stages/<int:pk>/attestation.pdf", views_stage.attestation_pdf,
         name="attestation_pdf"),
]
