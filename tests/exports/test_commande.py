"""``manage.py exporter``: the file written, the same policy with --utilisateur, French
refusals, and nothing half-written at --out."""
import csv
import io

import pytest
from django.core.management import CommandError, call_command

from tests import factories as f
from tests.bilans_documents.factories import bilan_valide, campagne, texte_pdf
from tests.exports.outils import cas

pytestmark = pytest.mark.django_db


@pytest.fixture
def c():
    c = cas()
    comp = c.ex.competences
    bilan_valide(c.eleves[0], campagne(c.classe, c.prof), c.prof,
                 {comp["C2.1"]: 3, comp["C2.2"]: 2, comp["C2.3"]: 4})
    return c


def exporter(*args) -> tuple[str, str]:
    sortie, erreurs = io.StringIO(), io.StringIO()
    call_command("exporter", *[str(a) for a in args], stdout=sortie, stderr=erreurs)
    return sortie.getvalue(), erreurs.getvalue()


def test_a_class_format_is_written_and_the_left_out_are_said(c, tmp_path):
    out = tmp_path / "lsl.csv"
    sortie, erreurs = exporter("lsl-pro", "--classe", c.classe.pk, "--out", out,
                               "--utilisateur", c.prof.username)
    assert f"{out} écrit" in sortie
    lignes = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig")), delimiter=";"))
    assert [(l["nom"], l["code"], l["degre"]) for l in lignes] == [
        ("ARNAUD", "C2.1", "3"), ("ARNAUD", "C2.2", "2"), ("ARNAUD", "C2.3", "4")]
    assert "Non exporté : Prénom BERTIN (aucun bilan validé)" in erreurs
    assert "DUPONT (apprenti" in erreurs
    assert [p.name for p in tmp_path.iterdir()] == ["lsl.csv"]   # no temporary file left


def test_a_learner_format_into_a_folder(c, tmp_path):
    exporter("livret-pdf", "--classe", c.classe.pk, "--apprenant", c.eleves[1].pk,
             "--out", tmp_path)
    assert "Prénom BERTIN" in texte_pdf((tmp_path / "livret-bertin-prenom.pdf").read_bytes())


@pytest.mark.parametrize("args,message", [
    (["inconnu"], "Format d’export inconnu : « inconnu ». Formats disponibles : livret-pdf"),
    (["lsl-pro", "--classe", "999999"], "Classe 999999 introuvable."),
    (["livret-pdf"], "porte sur un apprenant : indiquez --apprenant."),
    (["lsl-pro", "--apprenant", "{eleve}"], "porte sur toute la classe : --apprenant ne "
                                            "s’applique pas."),
    (["livret-pdf", "--apprenant", "{ailleurs}"], "n’est pas inscrit dans la classe"),
    (["bilan-pdf", "--apprenant", "{sans_bilan}"],
     "Aucun bilan validé pour Prénom BERTIN : rien à exporter."),
    (["lsl-pro", "--utilisateur", "personne"], "Utilisateur « personne » introuvable"),
    (["lsl-pro", "--utilisateur", "{inspecteur}"], "n’a pas le droit d’exporter la classe"),
    (["lsl-pro", "--utilisateur", "{autre_prof}"], "introuvable pour"),
    (["livret-pdf", "--apprenant", "{eleve}", "--utilisateur", "{tuteur_ailleurs}"],
     "introuvable pour"),
])
def test_bad_input_is_refused_in_french_and_nothing_is_written(c, tmp_path, args, message):
    e = c.classe.etablissement
    autre = f.classe(e, "1 AUTRE")
    inspecteur = f.personne()
    f.role(inspecteur, e, "inspecteur", classes=[c.classe])
    valeurs = {"eleve": c.eleves[0].pk, "sans_bilan": c.eleves[1].pk,
               "ailleurs": f.apprenant(e, autre).pk, "inspecteur": inspecteur.username,
               "autre_prof": f.enseignant(e, autre).username,
               "tuteur_ailleurs": f.tuteur(f.entreprise(e)).user.username}
    out = tmp_path / "sortie"
    out.write_bytes(b"ancien contenu")   # a failed export leaves an existing file alone
    if "--classe" not in args:
        args = [*args, "--classe", c.classe.pk]
    with pytest.raises(CommandError) as refus:
        exporter(*[str(a).format(**valeurs) for a in args], "--out", out)
    assert message in str(refus.value)
    assert out.read_bytes() == b"ancien contenu" and len(list(tmp_path.iterdir())) == 1
