from django.urls import path

from .views import commission as vues

urlpatterns = [
    path("sessions/<int:pk>/commission/", vues.commission, name="commission"),
    path("sessions/<int:pk>/commission/preparer/", vues.preparer, name="commission_preparer"),
    path("sessions/<int:pk>/commission/tableau.pdf", vues.tableau_pdf,
         name="commission_tableau_pdf"),
    path("sessions/<int:pk>/commission/tableau.xlsx", vues.tableau_xlsx,
         name="commission_tableau_xlsx"),
    path("commissions/<int:pk>/grilles/<int:grille>/ajuster/", vues.ajuster,
         name="commission_ajuster"),
    path("commissions/<int:pk>/valider/", vues.valider, name="commission_valider"),
    path("commissions/<int:pk>/proces-verbal.pdf", vues.proces_verbal,
         name="commission_proces_verbal"),
]
