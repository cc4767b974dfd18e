"""Set-up shared by the CMS spaces: the site root they hang under, editors and moderation.

Editors ("Éditeurs") draft and submit; moderators ("Modérateurs") publish. The workflow
"Relecture avant publication" asks a moderator to approve every page submitted in a space.
"""
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import (Collection, GroupApprovalTask, GroupCollectionPermission,
                            GroupPagePermission, Locale, Page, Site, Workflow, WorkflowPage,
                            WorkflowTask)

EDITEURS = "Éditeurs"
MODERATEURS = "Modérateurs"
WORKFLOW = "Relecture avant publication"
PERMISSIONS = {
    EDITEURS: ["add_page", "change_page"],
    MODERATEURS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
#: Both groups upload and choose images (posters, presenters) and documents (captions).
MEDIAS = {"wagtailimages": ["add_image", "choose_image"],
          "wagtaildocs": ["add_document", "choose_document"]}


def racine_du_site() -> Page:
    """The default site's root page, where /formation/ and /ressources/ live."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:  # a database emptied after Wagtail's migrations (e.g. a flushed test DB)
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
        if Collection.get_first_root_node() is None:  # documents and images need it
            Collection.add_root(name="Root")
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root",
                                                                          slug="root"))
        page = root.add_child(instance=Page(title="CPRO", slug="accueil-cms"))
        site = Site.objects.create(hostname="localhost", root_page=page, is_default_site=True,
                                   site_name="CPRO")
    return site.root_page


def groupes_cms() -> dict[str, Group]:
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin",
                                          codename="access_admin")
    medias = Permission.objects.filter(
        content_type__app_label__in=MEDIAS,
        codename__in=[codename for codenames in MEDIAS.values() for codename in codenames])
    groupes = {}
    for nom in PERMISSIONS:
        groupe, _created = Group.objects.get_or_create(name=nom)
        groupe.permissions.add(access_admin)
        for permission in medias:
            GroupCollectionPermission.objects.get_or_create(
                group=groupe, collection=Collection.get_first_root_node(), permission=permission)
        groupes[nom] = groupe
    return groupes


def autoriser_snippets(*modeles: type[Model], actions=("add", "change", "view")) -> None:
    """Let both groups manage a space's snippets (themes, presenters, categories…)."""
    groupes = groupes_cms().values()
    for modele in modeles:
        permissions = Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(modele),
            codename__in=[f"{action}_{modele._meta.model_name}" for action in actions])
        for groupe in groupes:
            groupe.permissions.add(*permissions)


def configurer_moderation(espace: Page) -> None:
    """Give both groups their rights on ``espace`` and put it under the review workflow."""
    groupes = groupes_cms()
    for nom, codenames in PERMISSIONS.items():
        for codename in codenames:
            permission = Permission.objects.get(content_type__app_label="wagtailcore",
                                                codename=codename)
            GroupPagePermission.objects.get_or_create(group=groupes[nom], page=espace,
                                                      permission=permission)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW)
    tache, _created = GroupApprovalTask.objects.get_or_create(name="Validation par un modérateur")
    tache.groups.add(groupes[MODERATEURS])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=tache.task_ptr,
                                       defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=espace, defaults={"workflow": workflow})
