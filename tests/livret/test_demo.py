"""The livret's demo step: after load_demo, the demo learner's livret is full; reruns add
nothing."""
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from cpro_platform.etablissements.models import Apprenant
from cpro_platform.livret.models import Positionnement
from cpro_platform.suivi.models import Evaluation, Lieu, Situation, TypeSituation

pytestmark = pytest.mark.django_db


def test_demo_fills_the_livret_and_is_idempotent(client):
    call_command("sync_referentiels", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    counts = (Situation.objects.count(), Evaluation.objects.count(),
              Positionnement.objects.count())
    assert counts[0] >= 16 and counts[1] > 1000 and counts[2] > 0
    assert set(Situation.objects.values_list("lieu", "type").distinct()) >= {
        (Lieu.CENTRE, TypeSituation.FORMATIVE), (Lieu.ENTREPRISE, TypeSituation.FORMATIVE),
        (Lieu.CENTRE, TypeSituation.CERTIFICATIVE)}
    assert Positionnement.objects.exclude(commentaire="").exists()   # one explained override

    call_command("load_demo", stdout=io.StringIO())
    assert (Situation.objects.count(), Evaluation.objects.count(),
            Positionnement.objects.count()) == counts

    apprenant = Apprenant.objects.get(user__username="apprenant.cpa")
    client.force_login(apprenant.user)
    livret = client.get(reverse("livret:livret", args=[apprenant.pk])).context["livret"]
    assert len(livret.colonnes) >= 6 and livret.en_entreprise >= 1
