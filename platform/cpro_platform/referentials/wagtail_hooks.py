"""Read-only listing of the referentials in the Wagtail admin (menu "Référentiels").

Referentials are written by plugins and copied by ``manage.py sync_referentiels``; an edit made
here would be overwritten by the next sync and would break the link with the plugin's file, so
the admin can list and inspect them, never add, change or delete them.
"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, StatusFlagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Referentiel
from .views import referentiels_annotes

LECTURE = "view"


class LecturePermissionPolicy(ModelPermissionPolicy):
    """Only the "view" action exists, even for superusers."""

    def user_has_permission(self, user, action):
        return action == LECTURE and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        if LECTURE not in actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission([LECTURE])


# Before any view asks for the policy (Wagtail would otherwise create its default one).
register_permission_policy(Referentiel, LecturePermissionPolicy(Referentiel))


class PagePubliqueColumn(Column):
    cell_template_name = "referentials/admin/page_publique_cell.html"


class ReferentielIndexView(generic.IndexView):
    def get_base_queryset(self):
        return referentiels_annotes()


class ReferentielInspectView(generic.InspectView):
    @cached_property
    def header_buttons(self):
        return [HeaderButton(_("Voir la page publique"), url=self.object.get_absolute_url(),
                             icon_name="link-external", attrs={"target": "_blank"})]


class ReferentielViewSet(ModelViewSet):
    model = Referentiel
    name = "referentiels"
    icon = "list-ul"
    menu_label = _("Référentiels")
    add_to_admin_menu = True
    menu_order = 900
    index_view_class = ReferentielIndexView
    inspect_view_class = ReferentielInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    # The add and edit views still exist (Wagtail's history and usage views link to them) and
    # the policy refuses them; building them needs a form class, an empty one is enough.
    form_fields = ()
    # Few columns so the title keeps its room; the inspect view has every field.
    list_display = [
        "intitule", "code", "version", "rncp",
        Column("plugin", label=_("Plugin"), sort_key="plugin",
               accessor=lambda r: f"{r.plugin} ({r.distribution} {r.distribution_version})"),
        Column("nb_blocs", label=_("Blocs"), sort_key="nb_blocs"),
        Column("nb_competences", label=_("Compétences"), sort_key="nb_competences"),
        Column("nb_criteres", label=_("Critères"), sort_key="nb_criteres"),
        StatusFlagColumn("actif", label=_("État"), sort_key="actif", true_label=_("actif"),
                         false_label=_("inactif")),
        PagePubliqueColumn("page_publique", label=_("Page publique")),
    ]
    list_filter = ["actif", "plugin"]
    inspect_view_fields = [
        "intitule", "code", "version", "diplome", "niveau", "rncp", "code_diplome", "arrete",
        "description", "provenance", "provenance_detail", "actif", "plugin", "distribution",
        "distribution_version", "fichier", "data_hash", "synchronise_le",
    ]

    def get_permissions_to_register(self):
        # Only "view" can be granted to a group: the other actions do not exist here.
        return Permission.objects.filter(content_type__app_label="referentials",
                                         codename="view_referentiel")


@hooks.register("register_admin_viewset")
def register_referentiel_viewset():
    return ReferentielViewSet()
