"""The application's main navigation: one list that later features extend.

Each entry says where it goes and who sees it, so the header never shows a link that leads to
a 403. Add an entry here when a feature gets its own top-level page.
"""
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cpro_platform.acces.pages import autorise


def everyone(user) -> bool:
    return True


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    #: A URL name (reversed) or, starting with "/", a path served by the CMS.
    target: str
    visible: Callable[..., bool] = everyone

    @property
    def url(self) -> str:
        return self.target if self.target.startswith("/") else reverse(self.target)


NAVIGATION: list[NavItem] = [
    NavItem(_("Accueil"), "home"),
    NavItem(_("Référentiels"), "referentials:list"),
    NavItem(_("Mes classes"), "etablissements:mes_classes",
            autorise("etablissements.view_mes_classes")),
    NavItem(_("Mes situations"), "suivi:mes_situations",
            autorise("suivi.view_mes_situations")),
    NavItem(_("Mes apprenants"), "etablissements:mes_apprenants",
            autorise("etablissements.view_mes_apprenants")),
    # Issue 12 (B): the tutor's PFMP pages and the activity sheets.
    NavItem(_("Mes PFMP"), "pfmp_tuteur:mes_stages", autorise("pfmp.view_mes_stages")),
    NavItem(_("Fiches à relire"), "activites:a_relire", autorise("activites.view_a_relire")),
    NavItem(_("Mes fiches d’activité"), "activites:mes_fiches",
            autorise("activites.view_mes_fiches")),
    NavItem(_("Mon profil"), "etablissements:mon_profil",
            autorise("etablissements.view_mon_profil")),
    NavItem(_("Mon livret"), "livret:mon_livret", autorise("etablissements.view_mon_profil")),
    NavItem(_("Mes apprentis"), "apprentissage:mes_apprentis",
            autorise("apprentissage.view_mes_apprentis")),
    NavItem(_("Mon livret d'apprentissage"), "apprentissage:mon_livret",
            autorise("apprentissage.view_mon_livret")),
    NavItem(_("Contrats d'apprentissage"), "apprentissage:contrats",
            autorise("apprentissage.view_contrats")),
    NavItem(_("Administration"), "gestion:index", autorise("etablissements.view_gestion")),
    NavItem(_("Formation"), "/formation/"),
    NavItem(_("Ressources"), "/ressources/"),
]


def items_for(user, current_path: str) -> list[dict]:
    """The entries this user may see, the current one flagged for aria-current."""
    entries = []
    for item in NAVIGATION:
        if not item.visible(user):
            continue
        url = item.url
        current = current_path == url if url == "/" else current_path.startswith(url)
        entries.append({"label": item.label, "url": url, "current": current})
    return entries
