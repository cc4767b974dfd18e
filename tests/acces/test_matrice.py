"""The access matrix: every role against every view, on its own establishment's objects and on
another establishment's (by id). Allowed → the page; not allowed → 403 or 404 and no data.

Rows for establishments, accounts and the API are here; other features add theirs in
``tests/<feature>/matrice_acces.py`` (see ``tests/acces/matrice.py``). Meta-tests make sure
every view of the platform is in the matrix and goes through the policy.
"""
import importlib
from pathlib import Path

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cpro_platform.acces.vues import PUBLIQUE, Acces, PolitiqueAPI
from tests.acces.matrice import (
    ADMIN, ANONYME, AUCUN, AUDITEURS, CONNECTES, LECTEURS_CLASSE, ROLES, Vue)
from tests.factories import monde

def g(name, args=lambda e, o: [], allowed=ADMIN, **kw) -> Vue:
    """An administration view: the first URL argument is the establishment."""
    return Vue(f"gestion:{name}", lambda e, o: [e.etablissement.pk, *args(e, o)], allowed,
               croisable=bool(kw.pop("objet", False)), **kw)


VUES_ETABLISSEMENTS = [
    Vue("etablissements:mes_classes", AUCUN, LECTEURS_CLASSE),
    Vue("etablissements:classe", lambda e, o: [o.classe.pk], LECTEURS_CLASSE, "enseignée"),
    Vue("etablissements:classe", lambda e, o: [o.autre_classe.pk], frozenset({"ddfpt"}),
        "non enseignée"),
    Vue("etablissements:apprenant", lambda e, o: [o.apprenant.pk],
        LECTEURS_CLASSE | {"apprenant", "tuteur"}, "élève suivi"),
    Vue("etablissements:apprenant", lambda e, o: [o.apprenti.pk],
        frozenset({"ddfpt", "maitre"}), "apprenti"),
    Vue("etablissements:historique_apprenant", lambda e, o: [o.apprenant.pk], AUDITEURS),
    Vue("etablissements:historique_personne", lambda e, o: [o.user("enseignant").pk],
        AUDITEURS),
    Vue("etablissements:mon_profil", AUCUN, frozenset({"apprenant"})),
    Vue("etablissements:mes_apprenants", AUCUN, frozenset({"tuteur", "maitre"})),
    Vue("comptes:mon_compte", AUCUN, CONNECTES),
    Vue("gestion:index", AUCUN, ADMIN, ok=302),
    g("tableau"),
    g("personnes"),
    g("personne_ajouter"),
    g("personne", lambda e, o: [o.user("enseignant").pk], objet=True),
    g("inspections"),
    g("classes"),
    g("classe_ajouter"),
    g("classe", lambda e, o: [o.classe.pk], objet=True),
    g("apprenants"),
    g("apprenant_ajouter"),
    g("apprenant", lambda e, o: [o.apprenant.pk], objet=True),
    g("entreprises"),
    g("entreprise_ajouter"),
    g("entreprise", lambda e, o: [o.entreprise.pk], objet=True),
    g("tuteur", lambda e, o: [o.tuteur.pk], objet=True),
    g("role_terminer", lambda e, o: [o.etablissement.roles.get(
        user=o.user("enseignant")).pk], objet=True, method="post", ok=302),
    g("inscription_terminer", lambda e, o: [o.apprenant.inscriptions.get().pk], objet=True,
      method="post", ok=302),
    g("lien_creer", lambda e, o: [o.tuteur.pk], objet=True, method="post", ok=302),
    g("lien_revoquer", lambda e, o: [o.lien.pk], objet=True, method="post", ok=302),
    # The REST API: lists are filtered (everyone signed in gets 200, with only their scope),
    # details follow the same rules as the pages.
    Vue("etablissements-api:classe-list", AUCUN, CONNECTES, api=True),
    Vue("etablissements-api:classe-detail", lambda e, o: [o.classe.pk], LECTEURS_CLASSE,
        "enseignée", api=True),
    Vue("etablissements-api:classe-detail", lambda e, o: [o.autre_classe.pk],
        frozenset({"ddfpt"}), "non enseignée", api=True),
    Vue("etablissements-api:apprenant-list", AUCUN, CONNECTES, api=True),
    Vue("etablissements-api:apprenant-detail", lambda e, o: [o.apprenant.pk],
        LECTEURS_CLASSE | {"apprenant", "tuteur"}, "élève suivi", api=True),
    Vue("etablissements-api:apprenant-detail", lambda e, o: [o.apprenti.pk],
        frozenset({"ddfpt", "maitre"}), "apprenti", api=True),
]



def _vues_des_fonctionnalites() -> list[Vue]:
    """The rows other features declare in ``tests/<feature>/matrice_acces.py``."""
    vues = []
    for path in sorted(Path(__file__).parent.parent.glob("*/matrice_acces*.py")):
        vues += importlib.import_module(f"tests.{path.parent.name}.{path.stem}").VUES
    return vues


VUES = VUES_ETABLISSEMENTS + _vues_des_fonctionnalites()

#: Pages anyone may open that predate ``@publique``: public reading (home, referentials,
#: the CMS spaces' search), Django's sign-in pages. They show nobody's data. New public views
#: are marked with ``cpro_platform.acces.vues.publique`` instead.
PUBLIQUES = {"home", "referentials:list", "referentials:detail", "recherche_espaces",
             "login", "logout", "password_change", "password_change_done", "password_reset",
             "password_reset_done", "password_reset_confirm", "password_reset_complete"}
#: The CMS admin (/cms/) guards its own pages with Wagtail's permissions.
MODULES_CMS = ("wagtail_hooks",)


def cas():
    for vue in VUES:
        variants = ["propre"] + (["autre"] if vue.args is not AUCUN else []) + (
            ["croise"] if vue.croisable else [])
        for variant in variants:
            for role in ROLES:
                yield pytest.param(vue, variant, role, id=f"{vue.id}-{variant}-{role}")


@pytest.fixture(scope="module")
def mondes(django_db_setup, django_db_blocker):
    """Two establishments built once for the module, rolled back at its end; each test runs
    in its own savepoint on top (like TestCase.setUpTestData)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield monde("A"), monde("B")
        transaction.set_rollback(True)


@pytest.mark.parametrize("vue,variant,role", list(cas()))
def test_matrice(db, client, mondes, vue, variant, role):
    a, b = mondes
    etab_world, objet_world = {"propre": (a, a), "autre": (b, b), "croise": (a, b)}[variant]
    url = reverse(vue.name, args=vue.args(etab_world, objet_world))
    if role != ANONYME:
        client.force_login(a.user(role))
    response = getattr(client, vue.method)(url)
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    body = raw.decode(errors="replace")

    if role == ANONYME and vue.api:
        assert response.status_code in (401, 403) and "ELEVE" not in body
        return
    if role == ANONYME:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
        return
    for marqueur in b.marqueurs:
        assert marqueur not in body, f"{marqueur!r} from another establishment leaked"
    if variant == "propre" and role in vue.allowed:
        assert response.status_code == vue.ok
    else:
        assert response.status_code in (403, 404)
        for marqueur in [a.apprenant.ine, a.apprenti.ine, a.apprenti.nom, a.classe.nom,
                         a.autre_classe.nom, a.entreprise.nom]:
            assert marqueur not in body


def _patterns(resolver: URLResolver, namespace: str = ""):
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            yield from _patterns(item, f"{namespace}{item.namespace}:" if item.namespace
                                 else namespace)
        elif isinstance(item, URLPattern) and item.name:
            yield f"{namespace}{item.name}", item.callback


def _application_views():
    """Every view of the platform's own code (the CMS admin and libraries aside)."""
    for name, callback in _patterns(get_resolver()):
        owner = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
        module = (owner or callback).__module__ or ""
        if module.startswith(("cpro_platform.", "training_site", "resources_site",
                              "core_plugins")) and not module.endswith(MODULES_CMS):
            yield name, callback


def _est_publique(name, callback) -> bool:
    return name in PUBLIQUES or getattr(callback, "acces", None) is PUBLIQUE


def test_every_application_view_is_in_the_matrix():
    in_matrix = {vue.name for vue in VUES}
    missing = [name for name, callback in _application_views()
               if name not in in_matrix and not _est_publique(name, callback)]
    assert not missing, (
        f"views missing from the access matrix: {missing}. Add a row per view (and per kind "
        f"of object) to tests/<feature>/matrice_acces.py (see tests/acces/matrice.py), or "
        f"mark a view that shows nobody's data with @publique.")


def test_every_application_view_goes_through_the_policy():
    for name, callback in _application_views():
        if _est_publique(name, callback):
            continue
        if hasattr(callback, "cls"):  # a REST endpoint
            assert callback.cls.permission_classes == [PolitiqueAPI], name
            continue
        assert isinstance(getattr(callback, "acces", None), Acces), (
            f"{name} is not protected by cpro_platform.acces.vues.acces: decorate it with "
            f"@acces(action, perimetre=...) (see docs/roles_and_access.md)")
