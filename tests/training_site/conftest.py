"""The Formation space built in code: home, programme, a theme, a presenter, webinars."""
import datetime

import pytest
from django.utils import timezone

from cpro_platform.home.cms import racine_du_site
from training_site.models import (FormationIndexPage, Intervenant, ProgrammePage, Thematique,
                                  WebinaireIntervenant, WebinairePage)


class EspaceFormation:
    def __init__(self):
        self.index = FormationIndexPage(title="Espace Formation", slug="formation")
        racine_du_site().add_child(instance=self.index)
        self.programme = ProgrammePage(title="Programme des webinaires", slug="programme")
        self.index.add_child(instance=self.programme)
        self.theme = Thematique.objects.create(nom="Le livret de suivi")
        self.intervenant = Intervenant.objects.create(nom="Anne Rousseau",
                                                      fonction="professeure de carrosserie")

    def webinaire(self, titre="Le livret au quotidien", *, dans_jours=7, **fields):
        debut = timezone.now().replace(microsecond=0) + datetime.timedelta(days=dans_jours)
        fields = {"thematique": self.theme, "resume": f"Résumé de « {titre} ».", **fields}
        page = WebinairePage(title=titre, debut=debut, **fields)
        page.intervenants.add(WebinaireIntervenant(intervenant=self.intervenant))
        self.programme.add_child(instance=page)
        page.save_revision().publish()
        return WebinairePage.objects.get(pk=page.pk)


@pytest.fixture
def espace(db) -> EspaceFormation:
    return EspaceFormation()
