from django.urls import path

from .views import grilles as v

urlpatterns = [
    path("sessions/<int:pk>/grilles/", v.grilles_session, name="grilles_session"),
    path("sessions/<int:pk>/grilles/<int:epreuve>/", v.grilles_epreuve, name="grilles_epreuve"),
    path("sessions/<int:pk>/grilles/<int:epreuve>/saisie/", v.saisie_grilles,
         name="saisie_grilles"),
    path("sessions/<int:pk>/grilles/<int:epreuve>/pdf/", v.grilles_pdf, name="grilles_pdf"),
    path("grilles/<int:pk>/", v.grille, name="grille"),
    path("grilles/<int:pk>/modifier/", v.grille_modifier, name="grille_modifier"),
    path("grilles/<int:pk>/signer/", v.grille_signer, name="grille_signer"),
    path("grilles/<int:pk>/rouvrir/", v.grille_rouvrir, name="grille_rouvrir"),
    path("grilles/<int:pk>/pdf/", v.grille_pdf, name="grille_pdf"),
]
