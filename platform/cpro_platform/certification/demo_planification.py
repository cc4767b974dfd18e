"""Demo data of the certification's planification (see ``certification.demo``)."""


def build(stdout) -> None:
    """Idempotent: running it twice duplicates nothing."""
