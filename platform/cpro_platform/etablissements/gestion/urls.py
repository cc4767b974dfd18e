from django.urls import path

from . import apprenants, classes, entreprises, personnes, tableau

app_name = "gestion"
E = "<int:etablissement>/"
urlpatterns = [
    path("", tableau.index, name="index"),
    path(E, tableau.tableau, name="tableau"),
    path(E + "personnes/", personnes.personnes, name="personnes"),
    path(E + "personnes/ajouter/", personnes.personne_ajouter, name="personne_ajouter"),
    path(E + "personnes/<int:pk>/", personnes.personne, name="personne"),
    path(E + "roles/<int:pk>/terminer/", personnes.role_terminer, name="role_terminer"),
    path(E + "inspections/", personnes.inspections, name="inspections"),
    path(E + "classes/", classes.classes, name="classes"),
    path(E + "classes/ajouter/", classes.classe_ajouter, name="classe_ajouter"),
    path(E + "classes/<int:pk>/", classes.classe_modifier, name="classe"),
    path(E + "apprenants/", apprenants.apprenants, name="apprenants"),
    path(E + "apprenants/ajouter/", apprenants.apprenant_ajouter, name="apprenant_ajouter"),
    path(E + "apprenants/<int:pk>/", apprenants.apprenant, name="apprenant"),
    path(E + "inscriptions/<int:pk>/terminer/", apprenants.inscription_terminer,
         name="inscription_terminer"),
    path(E + "entreprises/", entreprises.entreprises, name="entreprises"),
    path(E + "entreprises/ajouter/", entreprises.entreprise_ajouter, name="entreprise_ajouter"),
    path(E + "entreprises/<int:pk>/", entreprises.entreprise, name="entreprise"),
    path(E + "tuteurs/<int:pk>/", entreprises.tuteur, name="tuteur"),
    path(E + "tuteurs/<int:pk>/lien/", entreprises.lien_creer, name="lien_creer"),
    path(E + "liens/<int:pk>/revoquer/", entreprises.lien_revoquer, name="lien_revoquer"),
]
