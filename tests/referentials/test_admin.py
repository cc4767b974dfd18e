"""The Wagtail admin lists and inspects referentials, and never lets anyone change them."""
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from cpro_platform.referentials.models import Referentiel

pytestmark = pytest.mark.django_db

INDEX = "referentiels:index"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def refused(response) -> bool:
    """Wagtail answers a forbidden admin action with a redirect to the dashboard, or a 403."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home"))


@pytest.fixture
def lecteur(django_user_model):
    """An editor whose group may enter the admin and view referentials, nothing more."""
    group = Group.objects.create(name="Lecteurs des référentiels")
    group.permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"),
        Permission.objects.get(codename="view_referentiel"))
    user = django_user_model.objects.create_user("lecteur", password="x")
    user.groups.add(group)
    return user


def test_listing_shows_referentials_with_link_to_public_page(admin_client, synced_mini):
    response = admin_client.get(reverse(INDEX))
    assert response.status_code == 200
    page = soup(response)
    row = page.find("a", string=lambda s: s and "Bac pro de démonstration" in s).find_parent("tr")
    cells = " ".join(row.get_text(" ").split())
    for attendu in ("MINI", "2024", "RNCP99999", "fixture (fixture-dist 1.0)"):
        assert attendu in cells
    table = row.find_parent("table")
    headers = [" ".join(th.get_text(" ").split()) for th in table.find("thead").find_all("th")]
    values = dict(zip(headers, (c.get_text(strip=True) for c in row.find_all(["th", "td"]))))
    assert (values["Blocs"], values["Compétences"], values["Critères"]) == ("2", "3", "3")
    assert values["État"] == "actif"
    assert row.find("a", href=synced_mini.get_absolute_url())
    # The title leads to the inspect view, not to an edit form.
    inspect = reverse("referentiels:inspect", args=[synced_mini.pk])
    assert row.find("a", href=inspect)
    assert not page.find("a", href=reverse("referentiels:edit", args=[synced_mini.pk]))


def test_listing_has_no_add_button(admin_client, synced_mini):
    page = soup(admin_client.get(reverse(INDEX)))
    assert not page.find("a", href=reverse("referentiels:add"))
    assert "Ajouter" not in page.get_text() and "Add référentiel" not in page.get_text()


def menu(user) -> dict[str, str]:
    """The admin menu entries this user gets: label → URL."""
    request = RequestFactory().get(reverse("wagtailadmin_home"))
    request.user = user
    return {str(item.label): item.url for item in admin_menu.menu_items_for_request(request)}


def test_menu_item_for_superuser(admin_user):
    assert menu(admin_user)["Référentiels"] == reverse(INDEX)


def test_inspect_view_shows_fields_and_public_link(admin_client, synced_mini):
    response = admin_client.get(reverse("referentiels:inspect", args=[synced_mini.pk]))
    assert response.status_code == 200
    page = soup(response)
    text = " ".join(page.get_text(" ").split())
    assert "Arrêté fictif du 1er janvier 2024" in text and "fixture-dist" in text
    assert page.find("a", href=synced_mini.get_absolute_url())
    assert not page.find("a", href=reverse("referentiels:edit", args=[synced_mini.pk]))
    assert not page.find("a", href=reverse("referentiels:delete", args=[synced_mini.pk]))


def test_add_edit_delete_are_refused_even_to_superusers(admin_client, synced_mini):
    pk = synced_mini.pk
    assert refused(admin_client.get(reverse("referentiels:add")))
    assert refused(admin_client.post(reverse("referentiels:add"), {}))
    assert refused(admin_client.get(reverse("referentiels:edit", args=[pk])))
    assert refused(admin_client.post(reverse("referentiels:edit", args=[pk]), {}))
    assert refused(admin_client.post(reverse("referentiels:delete", args=[pk])))
    assert Referentiel.objects.filter(pk=pk).exists() and Referentiel.objects.count() == 1
    assert Referentiel.objects.get(pk=pk).intitule == "Bac pro de démonstration"


def test_anonymous_is_sent_to_the_wagtail_login(client, synced_mini):
    for url in (reverse(INDEX), reverse("referentiels:inspect", args=[synced_mini.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("wagtailadmin_login"))


def test_view_permission_is_enough_to_read(client, lecteur, synced_mini):
    client.force_login(lecteur)
    assert client.get(reverse(INDEX)).status_code == 200
    assert menu(lecteur)["Référentiels"] == reverse(INDEX)
    assert refused(client.post(reverse("referentiels:delete", args=[synced_mini.pk])))


def test_without_view_permission_no_menu_and_no_listing(client, lecteur, synced_mini):
    lecteur.groups.get().permissions.remove(Permission.objects.get(codename="view_referentiel"))
    client.force_login(lecteur)
    assert "Référentiels" not in menu(lecteur)
    assert refused(client.get(reverse(INDEX)))


def test_only_the_view_permission_is_offered_to_groups(admin_client):
    from wagtail import hooks

    offered = {p.codename for fn in hooks.get_hooks("register_permissions") for p in fn()
               if p.content_type.app_label == "referentials"}
    assert offered == {"view_referentiel"}
