import pytest


@pytest.fixture(autouse=True)
def cle_de_test(settings, tmp_path):
    """Each test signs with a key of its own, never the checkout's var/ key."""
    settings.CPRO_PORTABILITE_CLE = tmp_path / "cle.pem"
    settings.CPRO_PORTABILITE_EMPREINTES = []
    return settings.CPRO_PORTABILITE_CLE
