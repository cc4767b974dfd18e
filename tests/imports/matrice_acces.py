"""Access-matrix rows for the import views (collected by ``tests/acces/test_matrice.py``).

Only the establishment's administrator imports; an import belongs to its establishment
(crossed ids → 404). Confirming an import that already ran redirects to its page.
"""
from cpro_platform.etablissements.models import EtatImport, Importation
from tests.acces.matrice import ADMIN, Vue


def _i(name: str, *args, **kw) -> Vue:
    return Vue(f"imports:{name}", lambda e, o: [e.etablissement.pk, *args], ADMIN,
               label=" ".join(args), **kw)


VUES = [
    _i("index"),
    _i("importer", "classes"),
    _i("importer", "apprenants"),
    _i("importer", "personnels"),
]


def _importation(o) -> int:
    """A finished import of the object world's establishment, by its administrator."""
    return Importation.objects.create(
        etablissement=o.etablissement, auteur=o.user("administrateur"), type="classes",
        nom_fichier="classes.csv", etat=EtatImport.TERMINE).pk


VUES += [
    Vue("imports:importation", lambda e, o: [e.etablissement.pk, _importation(o)], ADMIN,
        croisable=True),
    Vue("imports:confirmer", lambda e, o: [e.etablissement.pk, _importation(o)], ADMIN,
        croisable=True, method="post", ok=302),
]
