"""Where each person finds the booklet: the master's "Mes apprentis" (on a phone), the
apprentice's "Mon livret d'apprentissage", the learner's page, the navigation; and what each
may do there."""
import pytest
from django.urls import reverse

from cpro_platform.apprentissage.calendrier import enregistrer_semaines, lundis
from tests import factories as f

pytestmark = pytest.mark.django_db


def _page(client, user, nom, *args):
    client.force_login(user)
    response = client.get(reverse(f"apprentissage:{nom}", args=args))
    return response, response.content.decode().replace("&#x27;", "'")


def test_the_master_finds_their_apprentice_in_the_navigation_and_mes_apprentis(client, cas):
    response, texte = _page(client, cas["maitre"].user, "mes_apprentis")
    assert response.status_code == 200
    assert "MARTIN" in texte and reverse("apprentissage:livret", args=[cas["contrat"].pk]) in texte
    assert 'href="/apprentissage/mes-apprentis/"' in texte  # the header's entry
    assert 'name="viewport"' in texte  # laid out for a phone


def test_the_master_writes_entries_and_the_trainer_edits_the_calendar_from_the_booklet(
        client, cas):
    semaines = lundis(cas["contrat"])
    enregistrer_semaines(cas["contrat"], {semaines[1]: "entreprise"})
    _, maitre = _page(client, cas["maitre"].user, "livret", cas["contrat"].pk)
    assert "Écrire les travaux confiés" in maitre and "Modifier le calendrier" not in maitre
    assert "Ouvrir un bilan" not in maitre
    _, formateur = _page(client, cas["formateur"], "livret", cas["contrat"].pk)
    assert "Modifier le calendrier" in formateur and "Ouvrir un bilan" in formateur
    assert "Écrire les travaux confiés" not in formateur


def test_the_apprentice_opens_their_own_booklet_only(client, cas):
    client.force_login(cas["apprenti"].user)
    response = client.get(reverse("apprentissage:mon_livret"))
    assert response.status_code == 302
    assert response["Location"] == reverse("apprentissage:livret", args=[cas["contrat"].pk])
    autre = f.contrat(f.apprenant(cas["e"], cas["classe"], nom="AUTRE", statut="apprenti",
                                  debut=f.jours(-200)), cas["maitre"])
    assert client.get(reverse("apprentissage:livret", args=[autre.pk])).status_code == 404


def test_a_pfmp_tutor_of_the_apprentice_sees_no_booklet(client, cas):
    """A tutor's dated link (type tuteur) is not the contract's: it opens nothing here."""
    tuteur = f.tuteur(f.entreprise(cas["e"], "Garage PFMP"), "tuteurpfmp")
    f.encadrement(tuteur, cas["apprenti"])
    response, _ = _page(client, tuteur.user, "livret", cas["contrat"].pk)
    assert response.status_code == 404
    client.force_login(tuteur.user)
    assert client.get(reverse("apprentissage:mes_apprentis")).status_code == 403


def test_the_learners_page_links_to_the_booklet_for_its_readers(client, cas):
    client.force_login(cas["formateur"])
    texte = client.get(reverse("etablissements:apprenant",
                               args=[cas["apprenti"].pk])).content.decode()
    assert reverse("apprentissage:livret", args=[cas["contrat"].pk]) in texte


def test_the_booklet_tells_each_reader_which_review_awaits_their_signature(client, cas):
    from cpro_platform.apprentissage.bilans import ouvrir_bilan, signer

    bilan = ouvrir_bilan(cas["contrat"], date=f.jours(0), debut=f.jours(-30), fin=f.jours(0),
                         auteur=cas["formateur"])
    signer(bilan, cas["maitre"].user, "maitre", "Gérard Durand")
    _, apprenti = _page(client, cas["apprenti"].user, "livret", cas["contrat"].pk)
    _, maitre = _page(client, cas["maitre"].user, "livret", cas["contrat"].pk)
    _, formateur = _page(client, cas["formateur"], "livret", cas["contrat"].pk)
    assert "à signer" in apprenti and "à signer" not in maitre and "à signer" in formateur
