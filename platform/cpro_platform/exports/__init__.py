"""Exports: one registry of formats (``register_exports``), one page per class and per learner,
one background batch for long ones, one command (``manage.py exporter``). See docs/exports.md."""
