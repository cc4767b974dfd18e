from django.urls import path

from . import views

app_name = "activites"

urlpatterns = [
    path("mes-fiches/", views.mes_fiches, name="mes_fiches"),
    path("a-relire/", views.a_relire, name="a_relire"),
    path("apprenants/<int:pk>/", views.apprenant, name="apprenant"),
    path("apprenants/<int:pk>/declarer/", views.declarer, name="declarer"),
    path("fiches/<int:pk>/", views.fiche, name="fiche"),
    path("fiches/<int:pk>/modifier/", views.modifier, name="modifier"),
    path("fiches/<int:pk>/relire/", views.relire, name="relire"),
    path("photos/<int:pk>/", views.photo, name="photo"),
    path("classes/<int:pk>/", views.classe, name="classe"),
]
