"""Bench-only middleware: the number of SQL queries of each request, in a response header.

With DEBUG off Django records no queries; an ``execute_wrapper`` counts them instead (it sees
every query the ORM or a cursor sends through the default connection).
"""
from django.db import connection

ENTETE = "X-Bench-Requetes"


class CompteurDeRequetes:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        nombre = 0

        def compter(execute, sql, params, many, context):
            nonlocal nombre
            nombre += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(compter):
            response = self.get_response(request)
        response[ENTETE] = str(nombre)
        return response
