"""CMS steps shared by the Formation and Ressources page tests."""
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data


def apercu_avant_creation(client, model, parent, donnees: dict) -> str:
    """The preview an editor sees while creating a ``model`` page under ``parent``, before
    its first save (the client must be signed in to the CMS)."""
    url = reverse("wagtailadmin_pages:preview_on_add",
                  args=[model._meta.app_label, model._meta.model_name, parent.pk])
    reponse = client.post(url, nested_form_data(donnees))
    assert reponse.json() == {"is_valid": True, "is_available": True}, reponse.content
    apercu = client.get(url)
    assert apercu.status_code == 200
    return apercu.content.decode()
