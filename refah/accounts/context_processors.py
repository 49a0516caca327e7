from refah.accounts.selectors import office_for_user


def staff(request):
    """The signed-in user's office, for the header of every screen."""
    return {"current_office": office_for_user(getattr(request, "user", None))}
