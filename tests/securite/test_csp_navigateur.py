"""In Chromium: the Content-Security-Policy (no inline script or style) breaks no page.

Every page a user reaches in the daily loop is opened with the policy enforced; the browser
reports each refused resource on the console, and there must be none. The grid's keyboard entry
(htmx) still saves, so scripts really run under the policy.
"""
import pytest
from django.urls import reverse

from tests import factories as f
from tests.livret.factories import noter, parcours
from tests.resources_site.conftest import espace_ressources
from tests.suivi.browser_helpers import attendre_enregistrement, connexion, taper
from tests.training_site.conftest import EspaceFormation


def surveiller(page) -> list[str]:
    refus = []
    page.on("console", lambda m: refus.append(m.text)
            if "Content Security Policy" in m.text else None)
    return refus


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_main_pages_run_under_the_policy(live_server, browser_page):
    p = parcours(apprenants=2, nb_criteres=3)
    eleve = p.apprenants[0]
    situation = p.situation("TP sous CSP", f.jours(-2))
    noter(situation, p.enseignant, {(eleve, p.criteres[0]): "3"})
    espace_ressources()
    webinaire = EspaceFormation().webinaire("Le livret au quotidien")
    page, base = browser_page, live_server.url
    refus = surveiller(page)

    publiques = ["/", reverse("referentials:list"), p.classe.referentiel.get_absolute_url(),
                 reverse("login"), "/formation/", webinaire.url, "/ressources/",
                 "/ressources/evaluer-pour-former/", "/recherche/?q=entretien"]
    for url in publiques:
        response = page.goto(base + url)
        assert response.status == 200, url
        assert "script-src 'self'" in response.headers["content-security-policy"]

    connexion(page, base, p.enseignant.username)
    for url in [reverse("suivi:situation", args=[situation.pk]),
                reverse("livret:livret", args=[eleve.pk]),
                reverse("livret:tableau_de_bord", args=[eleve.pk]),
                reverse("livret:classe", args=[p.classe.pk])]:
        assert page.goto(base + url).status == 200, url
    # The grid's script runs: keyboard entry is saved under the policy.
    page.goto(base + reverse("suivi:situation", args=[situation.pk]))
    taper(page, p.apprenants[1], p.criteres[0], "2")
    attendre_enregistrement(page)
    assert not refus, refus


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_cms_works_under_its_own_policy(live_server, browser_page):
    webinaire = EspaceFormation().webinaire("Le livret au quotidien")
    admin = f.personne("editeur.cms")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    page, base = browser_page, live_server.url
    refus = surveiller(page)
    page.goto(base + reverse("wagtailadmin_login"))
    page.fill("input[name=username]", "editeur.cms")
    page.fill("input[name=password]", f.PASSWORD)
    page.locator("button[type=submit]").first.click()
    page.wait_for_url(base + "/cms/")
    response = page.goto(base + reverse("wagtailadmin_pages:edit", args=[webinaire.pk]))
    assert response.status == 200
    page.get_by_role("heading", name="Le livret au quotidien").first.wait_for()
    assert "frame-ancestors 'self'" in response.headers["content-security-policy"]
    assert not refus, refus
