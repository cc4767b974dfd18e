from django.urls import path

from .views import planification as v

urlpatterns = [
    path("classes/<int:pk>/", v.sessions, name="sessions"),
    path("classes/<int:pk>/ouvrir/", v.ouvrir_session, name="ouvrir_session"),
    path("sessions/<int:pk>/", v.session, name="session"),
    path("sessions/<int:pk>/candidats/", v.candidats, name="candidats"),
    path("sessions/<int:pk>/situations/nouvelle/", v.situation_creer, name="situation_creer"),
    path("situations/<int:pk>/", v.situation_modifier, name="situation_modifier"),
    path("situations/<int:pk>/supprimer/", v.situation_supprimer, name="situation_supprimer"),
    path("sessions/<int:pk>/statuts/", v.statut, name="statut"),
    path("statuts/<int:pk>/retirer/", v.statut_retirer, name="statut_retirer"),
]
