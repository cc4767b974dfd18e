from django.urls import path

from .views import grille, scenarios, situations

app_name = "suivi"
urlpatterns = [
    path("", scenarios.mes_situations, name="mes_situations"),
    path("scenarios/", scenarios.scenarios, name="scenarios"),
    path("classes/<int:pk>/scenarios/nouveau/", scenarios.scenario_creer,
         name="scenario_creer"),
    path("scenarios/<int:pk>/", scenarios.scenario, name="scenario"),
    path("scenarios/<int:pk>/modifier/", scenarios.scenario_modifier, name="scenario_modifier"),
    path("scenarios/<int:pk>/dupliquer/", scenarios.scenario_dupliquer,
         name="scenario_dupliquer"),
    path("scenarios/<int:pk>/situations/nouvelle/", situations.situation_creer,
         name="situation_creer"),
    path("situations/<int:pk>/", grille.situation, name="situation"),
    path("situations/<int:pk>/modifier/", situations.situation_modifier,
         name="situation_modifier"),
    path("situations/<int:pk>/grille/", grille.grille_enregistrer, name="grille_enregistrer"),
    path("situations/<int:pk>/cases/<int:apprenant>/<int:critere>/", grille.cellule,
         name="cellule"),
    path("evaluations/<int:pk>/preuve/", grille.preuve, name="preuve"),
]
