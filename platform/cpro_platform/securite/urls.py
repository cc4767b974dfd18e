from django.urls import path

from . import vues

app_name = "securite"
urlpatterns = [
    path("<int:etablissement>/connexions-bloquees/", vues.verrouillages, name="verrouillages"),
    path("<int:etablissement>/connexions-bloquees/<int:pk>/debloquer/", vues.deverrouiller,
         name="deverrouiller"),
]
