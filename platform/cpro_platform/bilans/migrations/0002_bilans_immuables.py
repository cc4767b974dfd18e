"""The database itself refuses to change a validated bilan or its levels.

SQLite: UPDATE of a validated bilan, INSERT/UPDATE of a validated bilan's levels. PostgreSQL:
the same and DELETE too. (SQLite has no TRUNCATE: Django's test flush deletes rows one by one,
so a DELETE trigger there would make the test database impossible to empty; the model layer
refuses deletes on both.)
"""
from django.db import migrations

MESSAGE = "bilan valide : il ne peut plus etre modifie (creez un bilan correctif)"

SQLITE = [
    f"""CREATE TRIGGER bilan_valide_immuable BEFORE UPDATE ON bilans_bilan
    WHEN OLD.etat = 'valide' BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER niveau_bilan_valide_insert BEFORE INSERT ON bilans_niveaubilan
    WHEN (SELECT etat FROM bilans_bilan WHERE id = NEW.bilan_id) = 'valide'
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER niveau_bilan_valide_update BEFORE UPDATE ON bilans_niveaubilan
    WHEN (SELECT etat FROM bilans_bilan WHERE id = OLD.bilan_id) = 'valide'
      OR (SELECT etat FROM bilans_bilan WHERE id = NEW.bilan_id) = 'valide'
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
]
SQLITE_ANNULER = ["DROP TRIGGER IF EXISTS bilan_valide_immuable;",
                  "DROP TRIGGER IF EXISTS niveau_bilan_valide_insert;",
                  "DROP TRIGGER IF EXISTS niveau_bilan_valide_update;"]

POSTGRES = [
    f"""CREATE FUNCTION bilans_bilan_fige() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER bilan_valide_immuable BEFORE UPDATE OR DELETE ON bilans_bilan
    FOR EACH ROW WHEN (OLD.etat = 'valide') EXECUTE FUNCTION bilans_bilan_fige();""",
    f"""CREATE FUNCTION bilans_niveau_fige() RETURNS trigger AS $$
    BEGIN
      IF TG_OP <> 'INSERT' AND (SELECT etat FROM bilans_bilan WHERE id = OLD.bilan_id) = 'valide'
         OR TG_OP <> 'DELETE' AND (SELECT etat FROM bilans_bilan WHERE id = NEW.bilan_id) = 'valide'
      THEN RAISE EXCEPTION '{MESSAGE}'; END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER niveau_bilan_fige BEFORE INSERT OR UPDATE OR DELETE ON bilans_niveaubilan
    FOR EACH ROW EXECUTE FUNCTION bilans_niveau_fige();""",
]
POSTGRES_ANNULER = [
    "DROP TRIGGER IF EXISTS niveau_bilan_fige ON bilans_niveaubilan;",
    "DROP FUNCTION IF EXISTS bilans_niveau_fige();",
    "DROP TRIGGER IF EXISTS bilan_valide_immuable ON bilans_bilan;",
    "DROP FUNCTION IF EXISTS bilans_bilan_fige();",
]


def _executer(instructions_par_moteur):
    def executer(apps, schema_editor):
        for sql in instructions_par_moteur.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)
    return executer


class Migration(migrations.Migration):
    dependencies = [("bilans", "0001_initial")]
    operations = [migrations.RunPython(
        _executer({"sqlite": SQLITE, "postgresql": POSTGRES}),
        _executer({"sqlite": SQLITE_ANNULER, "postgresql": POSTGRES_ANNULER}))]
