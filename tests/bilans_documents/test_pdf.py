"""The bilan PDF and the livret PDF: what a reader finds printed in them."""
import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from tests.bilans_documents.factories import bilan_valide, campagne, e32, note, texte_pdf
from tests.livret.factories import noter
from tests.securite.test_pdf_ressources import canari  # noqa: F401 (fixture)
from tests.suivi import factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def cas():
    e = f.etablissement("Lycée des Métiers de l’Automobile")
    classe = f.classe(e, "1 MV-A")
    prof = f.enseignant(e, classe)
    prof.first_name, prof.last_name = "Claire", "Martin"
    prof.save()
    a = f.apprenant(e, classe, nom="DURAND", compte=True)
    ex = e32(classe.referentiel)
    c21, c22, c23 = (ex.competences[c] for c in ("C2.1", "C2.2", "C2.3"))
    bilan = bilan_valide(
        a, campagne(classe, prof, "Bilan de fin de période"), prof, {c21: 3, c22: 4, c23: 2},
        appreciation="Travail sérieux, à poursuivre en atelier.",
        commentaires={"C2.1": "Diagnostic méthodique."})
    return {"e": e, "classe": classe, "prof": prof, "a": a, "ex": ex, "bilan": bilan}


def _pdf(client, user, bilan) -> str:
    client.force_login(user)
    response = client.get(reverse("bilans_documents:bilan_pdf", args=[bilan.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return texte_pdf(response.content)


def test_the_bilan_pdf_prints_identity_levels_comments_and_signatures(client, cas):
    texte = _pdf(client, cas["a"].user, cas["bilan"])   # the learner downloads their own
    aujourdhui = timezone.localdate()
    assert "Bilan intermédiaire des compétences" in texte and "Prénom DURAND" in texte
    assert "Lycée des Métiers de l’Automobile" in texte and cas["e"].uai in texte
    assert "1 MV-A" in texte and "Baccalauréat professionnel" in texte
    assert "MINI version 2024" in texte and "Claire Martin" in texte
    assert f"{cas['bilan'].date:%d/%m/%Y}" in texte
    assert f"Édité le {aujourdhui:%d/%m/%Y} à " in texte
    assert "3 – Maîtrisé" in texte and "4 – Bien maîtrisé" in texte
    assert "2 – Insuffisamment maîtrisé" in texte
    assert "Diagnostic méthodique." in texte
    assert "Travail sérieux, à poursuivre en atelier." in texte
    assert "Profil par bloc de compétences" in texte and "B2" in texte
    assert "Profil par unité" in texte and "U32" in texte
    assert "L’équipe pédagogique" in texte and "L’apprenant(e)" in texte


def test_provisional_content_is_badged(client, cas):
    texte = _pdf(client, cas["prof"], cas["bilan"])
    ligne = next(line for line in texte.splitlines() if "Intitulé de C2.3" in line)
    assert "Provisoire" in ligne   # C2.3 is provisional content
    assert "Ce bilan s’appuie sur du contenu provisoire du référentiel" in texte
    assert "Provisoire" not in next(line for line in texte.splitlines()
                                    if "Intitulé de C2.1" in line)


def test_marks_print_with_their_modulation_and_explanation(client, cas):
    note(cas["bilan"], cas["ex"].epreuve, cas["prof"], "14.33", "1",
         "Progrès nets en atelier.", calcul="20 × (35 × 2/3 + 40 × 1 + 25 × 1/3) ÷ 100 = 14,33",
         regle="Note sur 20 : chaque compétence compte selon sa pondération.",
         termes=[{"competence": "C2.1", "niveau": 3, "pourcentage": "35", "points": "4.67"}])
    texte = _pdf(client, cas["prof"], cas["bilan"])
    assert "E32 – Épreuve pratique" in texte and "15,33 / 20" in texte
    assert "note calculée 14,33, modulée de +1,00 point(s)" in texte
    assert "Progrès nets en atelier." in texte
    assert "20 × (35 × 2/3 + 40 × 1 + 25 × 1/3) ÷ 100 = 14,33" in texte
    assert "4,67" in texte


def test_without_a_computed_mark_the_rule_gives_it_labelled_as_not_settled(client, cas):
    texte = _pdf(client, cas["prof"], cas["bilan"])
    # The worked example: 20 × (35 × 2/3 + 40 × 1 + 25 × 1/3) ÷ 100 = 14,33.
    assert "14,33 / 20" in texte
    assert "pas encore arrêtée par l’équipe pédagogique" in texte
    assert "20 × (35 × 2/3 + 40 × 1 + 25 × 1/3) ÷ 100 = 14,33" in texte


def test_a_draft_bilan_is_never_printed(client, cas):
    from cpro_platform.bilans.models import Bilan

    brouillon = Bilan.objects.create(apprenant=cas["a"], campagne=cas["bilan"].campagne,
                                     referentiel=cas["classe"].referentiel,
                                     date=f.jours(0), cree_par=cas["prof"])
    client.force_login(cas["prof"])
    assert client.get(reverse("bilans_documents:bilan_pdf",
                              args=[brouillon.pk])).status_code == 404


def test_the_livret_pdf_has_the_same_header_and_its_edition_date(client, cas):
    situation = sf.situation(sf.scenario(cas["classe"]), [cas["ex"].criteres["C2.1"]], "TP 1",
                             debut=f.jours(-3))
    noter(situation, cas["prof"], {(cas["a"], cas["ex"].criteres["C2.1"]): "3"})
    client.force_login(cas["prof"])
    response = client.get(reverse("livret:livret_pdf", args=[cas["a"].pk]))
    texte = texte_pdf(response.content)
    assert f"Édité le {timezone.localdate():%d/%m/%Y} à " in texte   # was "édité le " (empty)
    assert cas["e"].uai in texte and "1 MV-A" in texte and "MINI version 2024" in texte
    assert "Claire Martin" in texte and "Baccalauréat professionnel" in texte


def test_what_people_typed_is_printed_as_text_and_fetches_nothing(client, cas, canari):
    piege = f'<img src="{canari.url}/img.png"><link rel="stylesheet" href="file:///etc/passwd">'
    bilan = bilan_valide(cas["a"], campagne(cas["classe"], cas["prof"]), cas["prof"],
                         {cas["ex"].competences["C2.1"]: 3}, appreciation=piege,
                         commentaires={"C2.1": piege})
    note(bilan, cas["ex"].epreuve, cas["prof"], "12", "1", piege, calcul=piege)
    texte = _pdf(client, cas["prof"], bilan)
    assert canari.requetes == []
    assert texte.count(f"{canari.url}/img.png") >= 3   # printed, not fetched
