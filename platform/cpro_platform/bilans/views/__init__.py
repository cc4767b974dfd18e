"""Bilans pages: campaigns and their class view, one bilan, a learner's bilans and marks."""
