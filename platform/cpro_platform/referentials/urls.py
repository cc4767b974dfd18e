from django.urls import path

from . import views

app_name = "referentials"
urlpatterns = [
    path("", views.referentiel_list, name="list"),
    path("<str:code>/<str:version>/", views.referentiel_detail, name="detail"),
]
