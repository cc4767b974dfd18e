from .navigation import items_for


def navigation(request) -> dict:
    return {"main_navigation": items_for(request.user, request.path)}
