from django.urls import path

from . import views

app_name = "livret"
urlpatterns = [
    path("", views.mon_livret, name="mon_livret"),
    path("apprenants/<int:pk>/", views.livret, name="livret"),
    path("apprenants/<int:pk>/livret.pdf", views.livret_telecharger, name="livret_pdf"),
    path("apprenants/<int:pk>/tableau-de-bord/", views.tableau_de_bord,
         name="tableau_de_bord"),
    path("apprenants/<int:pk>/positionnements/", views.positionnements,
         name="positionnements"),
    path("apprenants/<int:pk>/positionnements/<int:competence>/",
         views.positionner_competence, name="positionner"),
    path("classes/<int:pk>/", views.classe, name="classe"),
]
