"""Access-matrix rows for the learner's portable record (run by ``tests/acces/test_matrice.py``).

Only an establishment's administrator exports the record of a learner who went through it
(the URL's establishment must be theirs, and the learner one of its own: crossed ids are 404),
and imports into their own establishment. Teachers, DDFPT, inspectors, tutors, masters and the
learner get nothing: the archive holds the whole record, other people's e-mails included.
The confirmation posted without a deposit sends back to the upload page (302).
"""
from tests.acces.matrice import ADMIN, Vue

VUES = [
    Vue("portabilite:exporter", lambda e, o: [e.etablissement.pk, o.apprenant.pk], ADMIN,
        "élève", croisable=True),
    Vue("portabilite:exporter", lambda e, o: [e.etablissement.pk, o.apprenti.pk], ADMIN,
        "apprenti", croisable=True),
    Vue("portabilite:importer", lambda e, o: [e.etablissement.pk], ADMIN),
    Vue("portabilite:confirmer", lambda e, o: [e.etablissement.pk], ADMIN, method="post",
        ok=302),
]
