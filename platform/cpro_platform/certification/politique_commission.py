"""The commission actions of the certification policy (see ``certification.perimetres``)."""

ACTIONS: dict = {}
