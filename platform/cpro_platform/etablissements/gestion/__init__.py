"""Establishment administration screens: people, classes, learners, companies, tutors, grants.

Reserved to the establishment's administrators (``etablissements.manage_etablissement``);
everything is looked up inside the administered establishment, so other ids give a 404.
"""
