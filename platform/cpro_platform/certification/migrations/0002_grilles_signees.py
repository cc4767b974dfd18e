"""A signed CCF grid is locked in the database too; its reopenings are append-only.

* a signed grid's row changes only by a reasoned reopening: back to "brouillon" with its
  signatures cleared and its content untouched, once a ``ReouvertureGrille`` newer than the
  signature exists;
* a signed grid's degrees are neither inserted nor updated (nor deleted on PostgreSQL);
* a reopening is refused for a grid that is not signed or whose session's commission has
  validated, and is never updated.

SQLite has no TRUNCATE (Django's test flush deletes rows), so DELETE is refused on PostgreSQL
only; the model refuses it on both (``CertificationFigee``).
Also: ``DegreGrille.version``, for the keyboard grid's conflict detection.
"""
from django.db import migrations, models

MESSAGE = "grille signee : elle ne peut plus etre modifiee (rouvrez-la avec un motif)"
MESSAGE_REOUVERTURE = ("reouverture refusee : grille non signee, ou commission de la session "
                       "validee")
MESSAGE_AUDIT = "reouverture de grille : historique non modifiable"

#: A signed grid's columns a reopening leaves alone (everything but state and signatures).
CONTENU = ["session_id", "apprenant_id", "epreuve_id", "situation_id", "structure", "date",
           "appreciation", "note_calculee", "modulation", "motif", "note", "explication"]


def _reouverture(old: str, new: str, egal: str) -> str:
    """SQL true when ``new`` is a reasoned reopening of the signed row ``old``."""
    inchange = " AND ".join(f"{new}.{c} {egal} {old}.{c}" for c in CONTENU)
    return (f"{new}.etat = 'brouillon' AND {inchange} AND EXISTS (SELECT 1 FROM "
            f"certification_reouverturegrille r WHERE r.grille_id = {old}.id "
            f"AND r.le >= {old}.signee_le)")


REOUVERTURE_INTERDITE = """(SELECT etat FROM certification_grilleccf WHERE id = NEW.grille_id)
      IS NOT 'signee' OR EXISTS (SELECT 1 FROM certification_commission c
      JOIN certification_grilleccf g ON g.session_id = c.session_id
      WHERE g.id = NEW.grille_id AND c.etat = 'validee')"""

SQLITE = [
    f"""CREATE TRIGGER grille_signee_immuable BEFORE UPDATE ON certification_grilleccf
    WHEN OLD.etat = 'signee' AND NOT ({_reouverture('OLD', 'NEW', 'IS')})
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER degre_grille_signee_insert BEFORE INSERT ON certification_degregrille
    WHEN (SELECT etat FROM certification_grilleccf WHERE id = NEW.grille_id) = 'signee'
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER degre_grille_signee_update BEFORE UPDATE ON certification_degregrille
    WHEN (SELECT etat FROM certification_grilleccf WHERE id = OLD.grille_id) = 'signee'
      OR (SELECT etat FROM certification_grilleccf WHERE id = NEW.grille_id) = 'signee'
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER reouverture_grille_permise BEFORE INSERT ON
    certification_reouverturegrille WHEN {REOUVERTURE_INTERDITE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE_REOUVERTURE}'); END;""",
    f"""CREATE TRIGGER reouverture_grille_immuable BEFORE UPDATE ON
    certification_reouverturegrille BEGIN SELECT RAISE(ABORT, '{MESSAGE_AUDIT}'); END;""",
]
SQLITE_ANNULER = [f"DROP TRIGGER IF EXISTS {nom};" for nom in (
    "grille_signee_immuable", "degre_grille_signee_insert", "degre_grille_signee_update",
    "reouverture_grille_permise", "reouverture_grille_immuable")]

POSTGRES = [
    f"""CREATE FUNCTION certification_grille_signee() RETURNS trigger AS $$
    BEGIN
      IF TG_OP = 'DELETE' OR NOT ({_reouverture('OLD', 'NEW', 'IS NOT DISTINCT FROM')}) THEN
        RAISE EXCEPTION '{MESSAGE}';
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER grille_signee_immuable BEFORE UPDATE OR DELETE ON certification_grilleccf
    FOR EACH ROW WHEN (OLD.etat = 'signee') EXECUTE FUNCTION certification_grille_signee();""",
    f"""CREATE FUNCTION certification_degre_signe() RETURNS trigger AS $$
    BEGIN
      IF TG_OP <> 'INSERT' AND (SELECT etat FROM certification_grilleccf
                                WHERE id = OLD.grille_id) = 'signee'
         OR TG_OP <> 'DELETE' AND (SELECT etat FROM certification_grilleccf
                                   WHERE id = NEW.grille_id) = 'signee'
      THEN RAISE EXCEPTION '{MESSAGE}'; END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER degre_grille_signee BEFORE INSERT OR UPDATE OR DELETE ON
    certification_degregrille FOR EACH ROW EXECUTE FUNCTION certification_degre_signe();""",
    f"""CREATE FUNCTION certification_reouverture() RETURNS trigger AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN RAISE EXCEPTION '{MESSAGE_AUDIT}'; END IF;
      IF {REOUVERTURE_INTERDITE.replace("IS NOT 'signee'", "IS DISTINCT FROM 'signee'")}
      THEN RAISE EXCEPTION '{MESSAGE_REOUVERTURE}'; END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER reouverture_grille BEFORE INSERT OR UPDATE OR DELETE ON
    certification_reouverturegrille FOR EACH ROW EXECUTE FUNCTION certification_reouverture();""",
]
POSTGRES_ANNULER = [
    "DROP TRIGGER IF EXISTS reouverture_grille ON certification_reouverturegrille;",
    "DROP FUNCTION IF EXISTS certification_reouverture();",
    "DROP TRIGGER IF EXISTS degre_grille_signee ON certification_degregrille;",
    "DROP FUNCTION IF EXISTS certification_degre_signe();",
    "DROP TRIGGER IF EXISTS grille_signee_immuable ON certification_grilleccf;",
    "DROP FUNCTION IF EXISTS certification_grille_signee();",
]


def _executer(instructions_par_moteur):
    def executer(apps, schema_editor):
        for sql in instructions_par_moteur.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)
    return executer


class Migration(migrations.Migration):
    dependencies = [("certification", "0001_initial")]
    operations = [
        migrations.AddField(
            model_name="degregrille", name="version",
            field=models.PositiveIntegerField(default=0, verbose_name="version")),
        migrations.RunPython(
            _executer({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _executer({"sqlite": SQLITE_ANNULER, "postgresql": POSTGRES_ANNULER})),
    ]
