"""Access-matrix rows for unlocking accounts (collected by ``tests/acces/test_matrice.py``)."""
from tests.acces.matrice import ADMIN, Vue

VUES = [
    Vue("securite:verrouillages", lambda e, o: [e.etablissement.pk], ADMIN),
    Vue("securite:deverrouiller", lambda e, o: [e.etablissement.pk, o.user("enseignant").pk],
        ADMIN, method="post", ok=302, croisable=True),
]
