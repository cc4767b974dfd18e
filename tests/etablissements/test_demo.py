"""The demo establishment: built from the installed CPA and CAV plugins, idempotent."""
import io
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from cpro_platform.comptes.models import Role, TypeRole
from cpro_platform.etablissements import demo
from cpro_platform.etablissements.models import (
    Apprenant, Classe, Encadrement, Entreprise, Etablissement, Statut)
from cpro_platform.referentials.models import Referentiel

pytestmark = pytest.mark.django_db


@pytest.fixture
def referentiels():
    call_command("sync_referentiels", stdout=io.StringIO())
    assert {"CPA", "CAV"} <= set(Referentiel.objects.values_list("code", flat=True))


def load() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_load_demo_builds_the_establishment(referentiels):
    output = load()
    lycee = Etablissement.objects.get(uai=demo.UAI)
    cpa = Classe.objects.get(etablissement=lycee, referentiel__code="CPA")
    cav = Classe.objects.get(etablissement=lycee, referentiel__code="CAV")
    assert (cpa.niveau, cav.niveau) == ("1re", "tle")
    assert cpa.inscriptions.count() == 24 and cav.inscriptions.count() == 24
    apprentis = Apprenant.objects.filter(parcours__statut=Statut.APPRENTI).count()
    assert 0 < apprentis < 48
    assert Entreprise.objects.filter(etablissement=lycee).count() == 5
    kinds = set(Role.objects.filter(etablissement=lycee).values_list("type", flat=True))
    assert kinds == {TypeRole.ENSEIGNANT, TypeRole.DDFPT, TypeRole.ADMINISTRATEUR,
                     TypeRole.INSPECTEUR}
    assert cpa.enseignants.count() >= 2 and cav.enseignants.count() >= 2
    assert Encadrement.objects.filter(type="maitre").count() == apprentis
    for login in ("ddfpt", "admin.lycee", "m.lefebvre", "ien.dupuis", "apprenant.cpa",
                  "/comptes/lien/"):
        assert login in output


def test_load_demo_is_idempotent(referentiels):
    load()
    counts = [m.objects.count() for m in (Apprenant, Classe, Encadrement, Entreprise, Role)]
    load()
    assert [m.objects.count() for m in (Apprenant, Classe, Encadrement, Entreprise, Role)] \
        == counts


def test_the_demo_tutor_link_opens_only_their_learners(client, referentiels):
    output = load()
    line = next(line for line in output.splitlines() if "Tuteur de stage" in line)
    url = urlsplit(line.split(": ", 1)[1].split(" / ")[0])
    response = client.get(f"{url.path}?{url.query}", follow=True)
    assert response.status_code == 200
    tuteur_user = response.context["user"]
    # The learners they follow now (the PFMP demo adds links of periods already over).
    suivis = set(Encadrement.objects.filter(tuteur__user=tuteur_user).actives()
                 .values_list("apprenant__nom", flat=True))
    body = response.content.decode()
    assert suivis and all(nom in body for nom in suivis)
    others = Apprenant.objects.exclude(nom__in=suivis)
    assert not any(f">{a.nom_complet}<" in body for a in others)
    other = others.first()
    assert client.get(reverse("etablissements:apprenant", args=[other.pk])).status_code == 404


def test_a_missing_referential_stops_the_demo_with_a_clear_message(db):
    with pytest.raises(CommandError, match="sync_referentiels"):
        demo.build(io.StringIO())
