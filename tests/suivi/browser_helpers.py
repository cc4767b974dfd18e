"""Browser steps on the tracking pages, reusable by other features' browser tests.

Each helper drives the page the way a teacher does (labels, buttons, keyboard) and waits for
what the teacher would wait for.
"""
from django.urls import reverse

from tests import factories as f


def connexion(page, base: str, username: str, password: str = f.PASSWORD) -> None:
    page.goto(base + reverse("login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


def creer_situation(page, base: str, scenario, titre: str, criteres, *, debut=None,
                    lieu: str = "centre") -> None:
    """From the scenario page: "Ajouter une situation", fill it, land on its grid."""
    page.goto(base + reverse("suivi:scenario", args=[scenario.pk]))
    page.get_by_role("link", name="Ajouter une situation").click()
    page.get_by_label("Titre").first.fill(titre)
    if debut:
        page.fill("input[name=debut]", str(debut))
    page.select_option("select[name=lieu]", lieu)
    for critere in criteres:
        page.click(f"label[for=critere-{critere.pk}]")  # the DSFR label covers the box
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.get_by_role("heading", name=titre, level=1).wait_for()


def case(page, apprenant, critere):
    """The grid input of one cell."""
    return page.locator(f"input[name='c-{apprenant.pk}-{critere.pk}']")


def taper(page, apprenant, critere, *touches: str) -> None:
    """Focus a cell, then press keys as a teacher would (digits, arrows, A, N, L, C…)."""
    case(page, apprenant, critere).focus()
    for touche in touches:
        page.keyboard.press(touche)


def attendre_enregistrement(page) -> None:
    """Wait until every entry is saved and the saved state says so."""
    page.wait_for_function(
        "() => !document.querySelector('.cpro-case--attente')"
        " && document.getElementById('etat-sauvegarde').classList.contains('cpro-etat--ok')")


def valeurs_de_la_ligne(page, apprenant, criteres) -> list[str]:
    return [case(page, apprenant, critere).input_value() for critere in criteres]
