"""The tutor's PFMP pages (co-evaluation, bilan, signature) and the teacher's side-by-side
view; mounted under ``pfmp/tuteur/``."""
from django.urls import path

from . import views_tuteur as v

app_name = "pfmp_tuteur"

urlpatterns = [
    path("", v.mes_stages, name="mes_stages"),
    path("stages/<int:pk>/evaluer/", v.evaluer, name="evaluer"),
    path("stages/<int:pk>/bilan/", v.bilan, name="bilan"),
    path("stages/<int:pk>/signer/", v.signer, name="signer"),
    path("stages/<int:pk>/comparer/", v.comparer, name="comparer"),
]
