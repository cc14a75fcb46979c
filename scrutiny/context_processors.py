from committees.roles import is_councillor, is_officer


def roles(request):
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"is_officer": is_officer(user), "is_councillor": is_councillor(user)}
