"""Language choice: French unless the person chose English with the header's switch.

Django's LocaleMiddleware would follow the browser's Accept-Language, so a teacher whose
browser is in English would get a half-translated interface; the product is French first.
"""
from django.conf import settings
from django.utils import translation


class LanguageChoiceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # override() restores the thread's language afterwards, so one request's choice never
        # leaks into whatever this thread runs next.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
