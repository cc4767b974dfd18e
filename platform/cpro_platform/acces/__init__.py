"""The one authorization policy: who may see or do what, on which object.

* ``perimetres`` — querysets of what a user may reach (lists and lookups use them);
* ``politique`` — named actions and ``may(user, action, obj)``;
* ``vues`` — the ``@acces`` decorator every view uses, ``objet_ou_404``, ``exige``;
* ``roles`` — the roles a person holds today.
"""
