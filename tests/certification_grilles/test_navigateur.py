"""In a browser: a teacher goes from the session's grids to the class entry page, fills a
learner's grid with the keyboard (the grid is created on the first degree), opens it, is told
which degree is missing, completes it, and signs it with the professional's name."""
import pytest
from django.urls import reverse

from cpro_platform.certification.models import EtatGrille, GrilleCCF
from tests.suivi import browser_helpers as b

from . import factories as cf


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_fill_a_grid_by_keyboard_and_sign_it(live_server, browser_page):
    s = cf.session(apprenants=2, nb_competences=3, poids=[40, 40, 20])
    a = sorted(s.apprenants, key=lambda x: (x.nom, x.prenom, x.pk))[0]
    c1, c2, c3 = s.competences
    page = browser_page
    b.connexion(page, live_server.url, s.enseignant.username)
    page.goto(live_server.url + reverse("certification:grilles_session", args=[s.session.pk]))
    page.get_by_role("link", name="Saisir au clavier (toute la classe)").click()
    page.get_by_role("heading", name=f"{s.epreuve.code} – {s.epreuve.intitule}").wait_for()

    # 4 then 3: each saves and moves right; the third compétence stays empty.
    page.locator(f"input[name='c-{a.pk}-{c1.pk}']").focus()
    page.keyboard.press("4")
    page.keyboard.press("3")
    b.attendre_enregistrement(page)
    assert "Enregistré à" in page.locator("#etat-sauvegarde").inner_text()
    grille = GrilleCCF.objects.get(apprenant=a)
    assert {d.competence_id: d.degre for d in grille.degres.all()} == {c1.pk: 4, c2.pk: 3}

    # D opens the learner's grid (reload first: the link to a new grid comes with the page).
    page.reload()
    page.locator(f"input[name='c-{a.pk}-{c3.pk}']").focus()
    page.keyboard.press("d")
    page.get_by_role("heading", name=f"{s.epreuve.code} – {s.epreuve.intitule}").wait_for()
    page.get_by_label("Nom du professionnel évaluateur (co-signature)").fill("Paul Martin")
    page.get_by_text("Je signe cette grille").click()
    page.get_by_role("button", name="Signer la grille").click()
    page.get_by_text(f"degré manquant pour {c3.code}").wait_for()

    page.get_by_label(f"{c3.code} : degré 2 (Insuffisamment maîtrisé)").check()
    page.get_by_role("button", name="Enregistrer la grille").click()
    page.get_by_text("Grille enregistrée.").wait_for()
    # 20 × (40 × 1 + 40 × 2/3 + 20 × 1/3) ÷ 100 = 14,67
    assert "14,67 / 20" in page.content()
    page.get_by_label("Nom du professionnel évaluateur (co-signature)").fill("Paul Martin")
    page.get_by_text("Je signe cette grille").click()
    page.get_by_role("button", name="Signer la grille").click()
    page.get_by_text("Grille signée : elle est verrouillée.").wait_for()
    grille.refresh_from_db()
    assert grille.etat == EtatGrille.SIGNEE and grille.signature_professionnel == "Paul Martin"
    assert grille.signee_par == s.enseignant
    assert page.get_by_role("button", name="Enregistrer la grille").count() == 0
