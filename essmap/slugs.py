from django.utils.text import slugify


def unique_slug(instance, value, field="slug", max_length=200):
    """A slug for ``value`` not yet used by another row of the instance's model.

    Slugs are URLs people bookmark: they are set once and never recomputed on rename.
    """
    # "May'Idées" → "may-idees", not "mayidees": an apostrophe separates words in French.
    base = slugify(value.replace("'", " ").replace("’", " "))[: max_length - 5].strip("-")
    base = base or "fiche"
    model = type(instance)
    candidate, n = base, 2
    others = (
        model._default_manager.exclude(pk=instance.pk)
        if instance.pk
        else (model._default_manager.all())
    )
    while others.filter(**{field: candidate}).exists():
        candidate = f"{base}-{n}"
        n += 1
    return candidate
