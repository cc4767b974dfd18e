from django.urls import path

from . import views

app_name = "etablissements"
urlpatterns = [
    path("classes/", views.mes_classes, name="mes_classes"),
    path("classes/<int:pk>/", views.classe, name="classe"),
    path("apprenants/<int:pk>/", views.apprenant, name="apprenant"),
    path("apprenants/<int:pk>/historique/", views.historique_apprenant,
         name="historique_apprenant"),
    path("personnes/<int:pk>/historique/", views.historique_personne,
         name="historique_personne"),
    path("profil/", views.mon_profil, name="mon_profil"),
    path("mes-apprenants/", views.mes_apprenants, name="mes_apprenants"),
]
