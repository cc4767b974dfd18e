"""Access-matrix rows for the import views (collected by ``tests/acces/test_matrice.py``).

Only the establishment's administrator imports; confirming with nothing uploaded redirects
back to the upload form.
"""
from tests.acces.matrice import ADMIN, Vue


def _i(name: str, *args, **kw) -> Vue:
    return Vue(f"imports:{name}", lambda e, o: [e.etablissement.pk, *args], ADMIN,
               label=" ".join(args), **kw)


VUES = [
    _i("index"),
    _i("importer", "classes"),
    _i("importer", "apprenants"),
    _i("importer", "personnels"),
    _i("confirmer", "apprenants", method="post", ok=302),
]
