from django.core.exceptions import ValidationError
from django.db import models

from search.query import meaningful, words_of


class SynonymKind(models.TextChoices):
    EQUIVALENTS = "equivalents", "Expressions équivalentes"
    NEED = "besoin", "Un besoin et ce qui y répond"


class SearchSynonymQuerySet(models.QuerySet):
    def groups(self):
        """Every synonym as (triggers, alternatives), tuples of expressions, each a tuple of
        the words search uses: for equivalents both are every expression; for a need, the
        need alone triggers, and reads as itself or any of what answers it."""
        groups = []
        for synonym in self:
            expressions = synonym.expressions_words()
            triggers = expressions[:1] if synonym.kind == SynonymKind.NEED else expressions
            groups.append((triggers, expressions))
        return groups


class SearchSynonym(models.Model):
    """Words and expressions that search treats as the same ("CAE" and "coopérative d’activité
    et d’emploi"): typing any of them finds entries that use any other. A *need* is one way:
    what a person asks for ("épicerie") finds the supports that describe what answers it
    ("alimentation", "commerce de proximité"), in the words they use."""

    expressions = models.CharField(
        "expressions",
        max_length=500,
        unique=True,
        help_text="Au moins deux mots ou expressions séparés par des virgules, par exemple : "
        "« CAE, coopérative d’activité et d’emploi ». Pour un besoin, le besoin d’abord : "
        "« épicerie, alimentation, commerce de proximité ». Accents et majuscules sont ignorés.",
    )
    kind = models.CharField(
        "type",
        max_length=12,
        choices=SynonymKind.choices,
        default=SynonymKind.EQUIVALENTS,
        help_text="Équivalentes : chacune trouve les autres. Besoin : la première expression "
        "(ce qu’une personne demande) trouve aussi les suivantes, pas l’inverse.",
    )

    objects = SearchSynonymQuerySet.as_manager()

    class Meta:
        ordering = ["expressions"]
        verbose_name = "synonyme de recherche"
        verbose_name_plural = "synonymes de recherche"

    def __str__(self):
        return self.expressions

    def expression_list(self):
        return [e.strip() for e in self.expressions.split(",") if e.strip()]

    def expressions_words(self):

        analysed = (tuple(meaningful(words_of(e))) for e in self.expression_list())
        return tuple(dict.fromkeys(words for words in analysed if words))

    def clean(self):
        if len(self.expressions_words()) < 2:
            raise ValidationError(
                {
                    "expressions": "Indiquez au moins deux expressions différentes, séparées par "
                    "des virgules."
                }
            )
