"""Access-matrix rows for the learner's portable record (run by ``tests/acces/test_matrice.py``).

Only an establishment's administrator exports the record of a learner who went through it
(the URL's establishment must be theirs, and the learner one of its own: crossed ids are 404),
and imports into their own establishment (an import of another establishment: 404).
Teachers, DDFPT, inspectors, tutors, masters and the learner get nothing: the archive holds
the whole record, other people's e-mails included.
Confirming an import already done sends back to its page (302).
"""
from cpro_platform.portabilite.models import EtatImport, ImportDossier
from tests.acces.matrice import ADMIN, Vue


def _import(o) -> int:
    """An import of ``o``'s establishment, already done (confirming it only redirects)."""
    return ImportDossier.objects.create(
        etablissement=o.etablissement, auteur=o.user("administrateur"),
        nom_fichier="dossier.zip", etat=EtatImport.IMPORTE).pk


VUES = [
    Vue("portabilite:exporter", lambda e, o: [e.etablissement.pk, o.apprenant.pk], ADMIN,
        "élève", croisable=True),
    Vue("portabilite:exporter", lambda e, o: [e.etablissement.pk, o.apprenti.pk], ADMIN,
        "apprenti", croisable=True),
    Vue("portabilite:importer", lambda e, o: [e.etablissement.pk], ADMIN),
    Vue("portabilite:dossier", lambda e, o: [e.etablissement.pk, _import(o)], ADMIN,
        croisable=True),
    Vue("portabilite:confirmer", lambda e, o: [e.etablissement.pk, _import(o)], ADMIN,
        method="post", ok=302, croisable=True),
]
