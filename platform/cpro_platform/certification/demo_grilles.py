"""Demo data of the certification's grilles (see ``certification.demo``)."""


def build(stdout) -> None:
    """Idempotent: running it twice duplicates nothing."""
