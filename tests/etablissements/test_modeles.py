"""Identifiers, dated periods and the learner's path."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from cpro_platform.comptes.models import Role, TypeRole
from cpro_platform.etablissements.models import AnneeScolaire, Parcours, Statut
from cpro_platform.etablissements.validators import validate_ine, validate_siret, validate_uai
from tests import factories as f


@pytest.mark.parametrize("value", ["0750655E", "0750654D", "0694321X"])
def test_real_uai_codes_are_valid(value):
    validate_uai(value)


@pytest.mark.parametrize("value,message", [("0750655F", "lettre clé"), ("750655E", "7 chiffres"),
                                           ("0750655e", "7 chiffres")])
def test_bad_uai_codes_say_what_is_wrong(value, message):
    with pytest.raises(ValidationError, match=message):
        validate_uai(value)


def test_siret_checks_the_luhn_key_and_la_poste():
    validate_siret("73282932000074")
    validate_siret("35600000000010")  # La Poste: digit sum multiple of 5
    with pytest.raises(ValidationError, match="clé"):
        validate_siret("73282932000075")
    with pytest.raises(ValidationError, match="14 chiffres"):
        validate_siret("7328293200007")


def test_ine_format():
    validate_ine("123456789AB")
    with pytest.raises(ValidationError):
        validate_ine("12345")


def test_school_year_is_found_or_created_for_a_date(db):
    annee = AnneeScolaire.pour_date(datetime.date(2026, 3, 2))
    assert annee.code == "2025-2026" and annee.debut == datetime.date(2025, 9, 1)
    assert AnneeScolaire.pour_date(datetime.date(2025, 9, 1)) == annee
    assert AnneeScolaire.pour_date(datetime.date(2026, 9, 1)).code == "2026-2027"


def test_a_change_of_statut_closes_the_path_and_keeps_it(db):
    e = f.etablissement()
    a = f.apprenant(e, debut=datetime.date(2024, 9, 1))
    a.changer_parcours(etablissement=e, statut=Statut.APPRENTI, date=datetime.date(2025, 1, 6))
    rows = list(a.parcours.order_by("debut").values_list("statut", "debut", "fin"))
    assert rows == [(Statut.SCOLAIRE, datetime.date(2024, 9, 1), datetime.date(2025, 1, 5)),
                    (Statut.APPRENTI, datetime.date(2025, 1, 6), None)]
    assert a.parcours_au(datetime.date(2024, 12, 1)).statut == Statut.SCOLAIRE


def test_overlapping_paths_are_refused(db):
    e = f.etablissement()
    a = f.apprenant(e, debut=datetime.date(2024, 9, 1))
    with pytest.raises(ValidationError, match="chevauche"):
        Parcours(apprenant=a, etablissement=e, statut=Statut.SCOLAIRE,
                 debut=datetime.date(2024, 10, 1), fin=datetime.date(2024, 11, 1)).full_clean()


def test_an_inspector_grant_must_end(db):
    e, user = f.etablissement(), f.personne()
    role = Role(user=user, etablissement=e, type=TypeRole.INSPECTEUR)
    with pytest.raises(ValidationError, match="date de fin"):
        role.full_clean()
    with pytest.raises(IntegrityError):
        role.save()


def test_ending_a_period_stops_it_today_and_withdraws_a_future_one(db):
    e = f.etablissement()
    running = f.role(f.personne(), e, TypeRole.ENSEIGNANT)
    running.terminer()
    assert running.fin == f.jours(-1) and not running.en_cours
    future = f.role(f.personne(), e, TypeRole.ENSEIGNANT, debut=f.jours(5))
    pk = future.pk
    future.terminer()
    assert not Role.objects.filter(pk=pk).exists()
    assert Role.history.filter(id=pk, history_type="-").exists()
