from django.urls import path

from .views import bilans, calendrier, contrats, livret

app_name = "apprentissage"
urlpatterns = [
    path("contrats/", contrats.contrats, name="contrats"),
    path("etablissements/<int:pk>/nouveau-contrat/", contrats.contrat_ajouter,
         name="contrat_ajouter"),
    path("contrats/<int:pk>/modifier/", contrats.contrat_modifier, name="contrat_modifier"),
    path("contrats/<int:pk>/", livret.livret, name="livret"),
    path("contrats/<int:pk>/livret.pdf", livret.pdf, name="pdf"),
    path("contrats/<int:pk>/calendrier/", calendrier.calendrier, name="calendrier"),
    path("contrats/<int:pk>/calendrier/motif/", calendrier.calendrier_motif, name="motif"),
    path("contrats/<int:pk>/calendrier/copier/", calendrier.calendrier_copier, name="copier"),
    path("contrats/<int:pk>/entree/", livret.entree, name="entree"),
    path("contrats/<int:pk>/bilans/ouvrir/", bilans.ouvrir, name="bilan_ouvrir"),
    path("bilans/<int:pk>/", bilans.bilan, name="bilan"),
    path("bilans/<int:pk>/ecrire/", bilans.bilan_ecrire, name="bilan_ecrire"),
    path("bilans/<int:pk>/signer/", bilans.bilan_signer, name="bilan_signer"),
    path("mes-apprentis/", livret.mes_apprentis, name="mes_apprentis"),
    path("mon-livret/", livret.mon_livret, name="mon_livret"),
]
