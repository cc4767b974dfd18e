"""The demo's learner who became an apprentice mid-year: two stretches, evaluations on both
sides of the change, the livret saying which columns were "sous statut scolaire"; reruns add
nothing."""
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from cpro_platform.etablissements import demo as demo_etablissements
from cpro_platform.etablissements.models import Apprenant, Encadrement, Statut
from cpro_platform.livret import demo as demo_livret
from cpro_platform.suivi.models import Evaluation

pytestmark = pytest.mark.django_db


def charger() -> str:
    out = io.StringIO()
    demo_etablissements.build(out)
    demo_livret.build(out)
    return out.getvalue()


def test_the_demo_has_a_learner_who_became_an_apprentice_mid_year(client):
    call_command("sync_referentiels", stdout=io.StringIO())
    sortie = charger()
    apprenant = Apprenant.objects.get(parcours__statut=Statut.SCOLAIRE,
                                      parcours__fin__isnull=False)
    assert f"{apprenant.nom_complet} : scolaire puis apprenti depuis le" in sortie
    scolaire, apprenti = apprenant.parcours.order_by("debut")
    assert (scolaire.statut, apprenti.statut, apprenti.fin) == (Statut.SCOLAIRE,
                                                                 Statut.APPRENTI, None)
    dates = set(Evaluation.objects.filter(apprenant=apprenant).values_list(
        "situation__debut", flat=True))
    assert any(d < apprenti.debut for d in dates) and any(d >= apprenti.debut for d in dates)
    maitre = Encadrement.objects.get(apprenant=apprenant, type="maitre")
    assert maitre.debut == apprenti.debut

    charger()
    assert apprenant.parcours.count() == 2

    client.force_login(apprenant.inscriptions.get().classe.enseignants.first())
    livret = client.get(reverse("livret:livret", args=[apprenant.pk])).context["livret"]
    mentions = {c.parcours for c in livret.colonnes if c.date < apprenti.debut}
    assert mentions == {"Sous statut scolaire · Lycée professionnel Ambroise-Croizat"}
    assert all(not c.parcours for c in livret.colonnes if c.date >= apprenti.debut)
