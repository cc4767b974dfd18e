"""The livret says, for each column, the statut and establishment at the situation's date
(when they differ from today's), and lists the path's dated stretches; so does its PDF."""
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from cpro_platform.etablissements.models import Statut
from cpro_platform.etablissements.services import changer_statut_ou_classe, inscrire, quitter
from tests import factories as f
from tests.livret.factories import noter
from tests.suivi import factories as sf

pytestmark = pytest.mark.django_db
MENTION = "Sous statut scolaire · Lycée Départ"


@pytest.fixture
def au_cfa(p):
    """``p``'s learner left the lycée 4 days ago for a CFA as an apprentice, and was evaluated
    there since."""
    quitter(p.etablissement, p.a, f.jours(-4))
    p.cfa = f.etablissement("CFA du Rhône")
    p.classe_cfa = f.classe(p.cfa, "CAP CARRO A", referentiel=p.classe.referentiel)
    p.formateur = f.enseignant(p.cfa, p.classe_cfa)
    inscrire(p.cfa, ine=p.a.ine, nom=p.a.nom, prenom=p.a.prenom, statut=Statut.APPRENTI,
             classe=p.classe_cfa, debut=f.jours(-3))
    p.apres = sf.situation(sf.scenario(p.classe_cfa), p.criteres, "TP au CFA",
                           debut=f.jours(-1))
    noter(p.apres, p.formateur, {(p.a, c): "3" for c in p.criteres})
    return p


def page(client, user, apprenant) -> str:
    client.force_login(user)
    reponse = client.get(reverse("livret:livret", args=[apprenant.pk]))
    assert reponse.status_code == 200
    return reponse.content.decode()


def entetes(html: str) -> dict[str, str]:
    """Each column header's title → its whole text, whitespace folded."""
    out = {}
    for th in re.findall(r'<th scope="col" class="[^"]*cpro-livret__situation".*?</th>', html,
                         re.S):
        texte = " ".join(re.sub(r"<[^>]+>", " ", th).split())
        titre = re.search(r'cpro-livret__titre">([^<]*)<', th)[1]
        out[titre] = texte
    return out


def test_each_column_says_the_statut_and_establishment_of_its_date(client, au_cfa):
    html = page(client, au_cfa.formateur, au_cfa.a)
    colonnes = entetes(html)
    assert MENTION in colonnes["TP avant le changement"]
    assert "Apprenti" not in colonnes["TP au CFA"] and "Lycée" not in colonnes["TP au CFA"]
    assert "statut et établissement à la date de la situation" in html   # the legend


def test_the_path_block_lists_the_dated_stretches_with_their_classes(client, au_cfa):
    html = page(client, au_cfa.formateur, au_cfa.a)
    bloc = " ".join(re.sub(r"<[^>]+>", " ", re.search(
        r'<section class="cpro-parcours.*?</section>', html, re.S)[0]).split())
    debut, depart, arrivee = (f.jours(n).strftime("%d/%m/%Y") for n in (-60, -4, -3))
    assert (f"Du {debut} au {depart} : Sous statut scolaire — Lycée Départ "
            f"({au_cfa.classe.nom})") in bloc
    assert f"Depuis le {arrivee} : Apprenti — CFA du Rhône (CAP CARRO A)" in bloc


def test_a_statut_change_in_the_same_class_shows_in_the_columns(client, p):
    changer_statut_ou_classe(p.etablissement, p.a, date=f.jours(-10), statut=Statut.APPRENTI)
    colonnes = entetes(page(client, p.enseignant, p.a))
    assert MENTION in colonnes["TP avant le changement"]


def test_a_learner_whose_path_never_changed_gets_no_mention_nor_block(client, p):
    html = page(client, p.enseignant, p.a)
    assert "cpro-parcours" not in html and "cpro-livret__parcours" not in html


def test_the_pdf_prints_the_path_and_each_columns_statut(client, au_cfa):
    client.force_login(au_cfa.formateur)
    reponse = client.get(reverse("livret:livret_pdf", args=[au_cfa.a.pk]))
    texte = " ".join(" ".join(page.extract_text() for page in PdfReader(
        io.BytesIO(reponse.content)).pages).split())
    assert "Parcours" in texte
    assert "Apprenti — CFA du Rhône (CAP CARRO A)" in texte
    assert f"TP avant le changement ({MENTION})" in texte
    assert "TP au CFA (" not in texte


def test_a_change_of_path_bumps_the_livret_so_no_stale_page_is_served(client, p):
    client.force_login(p.enseignant)
    adresse = reverse("livret:livret", args=[p.a.pk])
    avant = client.get(adresse)
    changer_statut_ou_classe(p.etablissement, p.a, date=f.jours(-10), statut=Statut.APPRENTI)
    apres = client.get(adresse, HTTP_IF_NONE_MATCH=avant["ETag"])
    assert apres.status_code == 200 and apres["ETag"] != avant["ETag"]
    assert MENTION in apres.content.decode() and MENTION not in avant.content.decode()


def _requetes(client, adresse) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(adresse).status_code == 200
    return len(ctx.captured_queries)


def test_the_livret_query_count_does_not_grow_with_the_path(client, p):
    client.force_login(p.enseignant)
    adresse = reverse("livret:livret", args=[p.a.pk])
    un_troncon = _requetes(client, adresse)
    classes = [f.classe(p.etablissement, f"1 CARRO {n}") for n in range(3)]
    for n, classe in enumerate(classes):
        f.enseignant(p.etablissement, classe)
        changer_statut_ou_classe(p.etablissement, p.a, date=f.jours(-30 + 5 * n),
                                 statut=[Statut.APPRENTI, Statut.SCOLAIRE][n % 2],
                                 classe=classe)
        situation = sf.situation(sf.scenario(classe), p.criteres, f"TP {n}",
                                 debut=f.jours(-29 + 5 * n))
        noter(situation, classe.enseignants.get(), {(p.a, c): "3" for c in p.criteres})
    assert p.a.parcours.count() == 4
    assert _requetes(client, adresse) == un_troncon
