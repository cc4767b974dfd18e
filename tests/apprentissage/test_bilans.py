"""Periodic reviews: each signatory writes their part and signs in their capacity; a signature
on content that changed since does not count; signed by all three, the review is closed and
nothing changes it any more (services and model)."""
import pytest
from django.urls import reverse

from cpro_platform.apprentissage.bilans import ecrire, signer
from cpro_platform.apprentissage.models import BilanApprentissage, BilanClos, MESSAGE_CLOS
from tests import factories as f

pytestmark = pytest.mark.django_db


def _texte(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


@pytest.fixture
def bilan(client, cas):
    client.force_login(cas["formateur"])
    r = client.post(reverse("apprentissage:bilan_ouvrir", args=[cas["contrat"].pk]), {
        "date": f.jours(0), "debut": f.jours(-60), "fin": f.jours(0)})
    bilan = BilanApprentissage.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("apprentissage:bilan",
                                                             args=[bilan.pk])
    return bilan


def _ecrire(client, user, bilan, **textes):
    client.force_login(user)
    return client.post(reverse("apprentissage:bilan_ecrire", args=[bilan.pk]), textes)


def _signer(client, user, bilan, qualite, nom="Nom Tapé"):
    client.force_login(user)
    return client.post(reverse("apprentissage:bilan_signer", args=[bilan.pk]),
                       {"qualite": qualite, "nom": nom})


def _remplir(client, cas, bilan):
    _ecrire(client, cas["maitre"].user, bilan, appreciation_maitre="Très investi.",
            appreciation_formateur="(ignoré : pas sa partie)")
    _ecrire(client, cas["formateur"], bilan, appreciation_formateur="Progrès en peinture.",
            objectifs="Autonomie sur la préparation.")
    _ecrire(client, cas["apprenti"].user, bilan, commentaire_apprenti="Content de l'atelier.")


def test_a_review_outside_the_contract_is_refused(client, cas):
    client.force_login(cas["formateur"])
    r = client.post(reverse("apprentissage:bilan_ouvrir", args=[cas["contrat"].pk]), {
        "date": f.jours(0), "debut": cas["contrat"].debut.replace(year=2000),
        "fin": f.jours(0)})
    assert r.status_code == 422
    assert "La période du bilan doit être comprise dans le contrat" in _texte(r)
    assert not BilanApprentissage.objects.exists()


def test_each_signatory_writes_only_their_part(client, cas, bilan):
    _remplir(client, cas, bilan)
    bilan.refresh_from_db()
    assert bilan.appreciation_maitre == "Très investi."
    assert bilan.appreciation_formateur == "Progrès en peinture."
    assert bilan.objectifs == "Autonomie sur la préparation."
    assert bilan.commentaire_apprenti == "Content de l'atelier."
    # The apprentice's page on a phone: their own text in a field, the others' as text.
    client.force_login(cas["apprenti"].user)
    page = client.get(reverse("apprentissage:bilan", args=[bilan.pk])).content.decode()
    assert 'name="commentaire_apprenti"' in page and 'name="appreciation_maitre"' not in page
    assert "Très investi." in page


def test_three_signatures_close_the_review_and_nothing_changes_it_any_more(client, cas, bilan):
    _remplir(client, cas, bilan)
    assert _signer(client, cas["maitre"].user, bilan, "maitre", "Gérard Durand").status_code == 302
    assert _signer(client, cas["formateur"], bilan, "formateur").status_code == 302
    bilan.refresh_from_db()
    assert not bilan.clos
    r = _signer(client, cas["apprenti"].user, bilan, "apprenti", "Léo Martin")
    assert r.status_code == 302
    bilan.refresh_from_db()
    assert bilan.clos
    page = _texte(client.get(reverse("apprentissage:bilan", args=[bilan.pk])))
    assert "clos le" in page and "Gérard Durand" in page and "Léo Martin" in page
    assert 'name="commentaire_apprenti"' not in page and "Signer comme" not in page

    r = _ecrire(client, cas["maitre"].user, bilan, appreciation_maitre="Réécrit après coup")
    assert r.status_code == 409 and str(MESSAGE_CLOS) in _texte(r)
    r = _signer(client, cas["formateur"], bilan, "formateur")
    assert r.status_code == 409 and str(MESSAGE_CLOS) in _texte(r)
    bilan.refresh_from_db()
    assert bilan.appreciation_maitre == "Très investi." and bilan.signatures.count() == 3
    # The services and the model refuse too, whatever the caller.
    with pytest.raises(BilanClos):
        ecrire(bilan, "maitre", {"appreciation_maitre": "Encore"})
    bilan.objectifs = "Changé en base"
    with pytest.raises(BilanClos):
        bilan.save()
    with pytest.raises(BilanClos):
        BilanApprentissage.objects.get(pk=bilan.pk).delete()
    with pytest.raises(BilanClos):
        bilan.signatures.first().delete()
    with pytest.raises(BilanClos):
        signer(bilan, cas["maitre"].user, "maitre", "Encore")
    assert BilanApprentissage.objects.get(pk=bilan.pk).objectifs == \
        "Autonomie sur la préparation."


def test_a_signature_on_content_changed_since_shows_so_and_does_not_close(client, cas, bilan):
    _remplir(client, cas, bilan)
    _signer(client, cas["maitre"].user, bilan, "maitre", "Gérard Durand")
    _ecrire(client, cas["formateur"], bilan, objectifs="Objectifs revus après la signature.")
    _signer(client, cas["formateur"], bilan, "formateur")
    _signer(client, cas["apprenti"].user, bilan, "apprenti")
    bilan.refresh_from_db()
    assert not bilan.clos
    client.force_login(cas["formateur"])
    page = _texte(client.get(reverse("apprentissage:bilan", args=[bilan.pk])))
    assert "signé sur une version antérieure du bilan" in page
    # The master signs what is there now: the review closes.
    _signer(client, cas["maitre"].user, bilan, "maitre", "Gérard Durand")
    bilan.refresh_from_db()
    assert bilan.clos


def test_a_signature_needs_a_typed_name_and_the_signatorys_own_capacity(client, cas, bilan):
    r = _signer(client, cas["apprenti"].user, bilan, "apprenti", "   ")
    assert r.status_code == 422
    r = _signer(client, cas["apprenti"].user, bilan, "maitre", "Léo Martin")
    assert r.status_code == 422
    assert "Vous ne pouvez pas signer ce bilan en cette qualité." in _texte(r)
    assert not bilan.signatures.exists()


def test_a_review_ending_before_it_starts_is_said_in_french(client, cas):
    client.force_login(cas["formateur"])
    r = client.post(reverse("apprentissage:bilan_ouvrir", args=[cas["contrat"].pk]), {
        "date": f.jours(0), "debut": f.jours(-1), "fin": f.jours(-10)})
    assert r.status_code == 422
    assert "La fin de la période précède son début." in _texte(r)
    assert "Constraint" not in _texte(r)
    assert not BilanApprentissage.objects.exists()
