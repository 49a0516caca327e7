from refah.accounts.menu import current_entry, menu_for
from refah.accounts.selectors import office_for_user


def staff(request):
    """The signed-in user's office, for the header of every screen, and the menu entries the user may open."""
    user = getattr(request, "user", None)
    menu = menu_for(user)
    return {
        "current_office": office_for_user(user),
        "menu": menu,
        "menu_current": current_entry(menu, getattr(request, "resolver_match", None)),
    }
