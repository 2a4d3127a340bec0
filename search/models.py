from django.core.exceptions import ValidationError
from django.db import models

from search.query import meaningful, words_of


class SearchSynonymQuerySet(models.QuerySet):
    def groups(self):
        """Every synonym as a tuple of expressions, each a tuple of the words search uses."""
        return [synonym.expressions_words() for synonym in self]


class SearchSynonym(models.Model):
    """Words and expressions that search treats as the same ("CAE" and "coopérative d’activité
    et d’emploi"): typing any of them finds entries that use any other."""

    expressions = models.CharField(
        "expressions équivalentes",
        max_length=500,
        unique=True,
        help_text="Au moins deux mots ou expressions séparés par des virgules, par exemple : "
        "« CAE, coopérative d’activité et d’emploi ». Accents et majuscules sont ignorés.",
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
