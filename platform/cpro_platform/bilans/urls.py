from django.urls import path

from .views import bilans, campagnes, notes, periodes

app_name = "bilans"
urlpatterns = [
    path("classes/<int:pk>/", campagnes.campagnes, name="campagnes"),
    path("classes/<int:pk>/ouvrir/", campagnes.ouvrir, name="ouvrir"),
    path("campagnes/<int:pk>/", campagnes.campagne, name="campagne"),
    path("campagnes/<int:pk>/saisie/", campagnes.saisie, name="saisie"),
    path("campagnes/<int:pk>/notes-periode/", periodes.calculer, name="notes_periode"),
    path("<int:pk>/", bilans.bilan, name="bilan"),
    path("<int:pk>/modifier/", bilans.modifier_bilan, name="modifier"),
    path("<int:pk>/valider/", bilans.valider_bilan, name="valider"),
    path("<int:pk>/corriger/", bilans.corriger_bilan, name="corriger"),
    path("<int:pk>/note-periode/", periodes.note_periode, name="note_periode"),
    path("<int:pk>/note-periode/moduler/", periodes.moduler, name="moduler_periode"),
    path("apprenants/<int:pk>/", bilans.bilans_apprenant, name="apprenant"),
    path("apprenants/<int:pk>/notes/", notes.notes, name="notes"),
    path("apprenants/<int:pk>/notes/<int:epreuve>/", notes.note, name="note"),
    path("apprenants/<int:pk>/notes/<int:epreuve>/ponderation/", notes.ponderation,
         name="ponderation"),
    path("apprenants/<int:pk>/notes/<int:epreuve>/dupliquer/", notes.dupliquer,
         name="dupliquer"),
    path("apprenants/<int:pk>/notes/<int:epreuve>/calculer/", notes.calculer,
         name="calculer"),
    path("apprenants/<int:pk>/notes/<int:epreuve>/moduler/", notes.moduler, name="moduler"),
]
