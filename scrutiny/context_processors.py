from committees.roles import is_councillor, is_officer


def roles(request):
    user = getattr(request, "user", None)
    if user is None:
        return {}
    officer = is_officer(user)
    # An officer's pages are the officer's; "My meetings" is offered to councillors only.
    return {"is_officer": officer, "is_councillor": not officer and is_councillor(user)}
