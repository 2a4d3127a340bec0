"""Checking a record against the data·inclusion schema (``data_inclusion.schema.v1``), with
each refusal said in French: where (sheet and line), which field, which value, why."""

from dataclasses import dataclass

import pydantic
from data_inclusion.schema import v1

MODELS = {"structures": v1.Structure, "services": v1.Service}

ZONE_MESSAGE = (
    "code inconnu : attendu un code commune (5 caractères), département (2 ou 3), EPCI "
    "(SIREN, 9 chiffres), pays (99xxx) ou « france »"
)


@dataclass(frozen=True)
class Problem:
    place: str
    field: str
    value: object
    message: str

    def __str__(self):
        shown = "" if self.value in (None, "") else f" = « {_short(self.value)} »"
        return f"{self.place} — {self.field}{shown} : {self.message}"


def _short(value, limit=80):
    text = ", ".join(map(str, value)) if isinstance(value, list | tuple | set) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def validate(record):
    """``(model instance or None, [Problem])`` for a :class:`opendata.reading.Record`; warnings
    (names ending with a period) ignored, as the schema does by default."""
    try:
        return MODELS[record.kind].model_validate(record.data), []
    except pydantic.ValidationError as error:
        problems, seen = [], set()
        for detail in error.errors():
            loc = detail["loc"]
            # One problem per value: a list item failing every member of a union (a zone
            # code) gives one error per member.
            key = loc[:2] if len(loc) > 1 and isinstance(loc[1], int) else loc[:1]
            if key in seen:
                continue
            seen.add(key)
            field = str(loc[0]) if loc else "?"
            value = detail.get("input")
            if detail["type"] == "missing":
                value = None
            problems.append(Problem(record.place, field, value, french(field, detail)))
        return None, problems


def french(field, detail):
    kind, ctx = detail["type"], detail.get("ctx") or {}
    if field == "zone_eligibilite" and kind not in ("missing", "too_short", "list_type"):
        return ZONE_MESSAGE
    if kind == "missing":
        return "champ obligatoire absent"
    if kind == "string_too_short":
        return f"trop court (au moins {ctx.get('min_length')} caractères)"
    if kind == "string_too_long":
        return f"trop long (au plus {ctx.get('max_length')} caractères)"
    if kind == "too_short":
        return "au moins une valeur attendue"
    if kind == "enum":
        expected = str(ctx.get("expected", "")).replace("' or '", "', '")
        return f"valeur inconnue du schéma data·inclusion (valeurs possibles : {expected})"
    if kind.startswith("url"):
        return "adresse web invalide (attendu https://…)"
    if kind.startswith("date") or kind.startswith("datetime"):
        return "date invalide (attendu AAAA-MM-JJ, ni future ni avant 2000)"
    if kind.startswith("float") or kind.startswith("int"):
        return "nombre attendu"
    if kind == "string_pattern_mismatch":
        return "format invalide"
    if kind in ("string_type", "list_type", "set_type"):
        return "type de valeur inattendu"
    if kind == "value_error":
        message = detail["msg"].removeprefix("Value error, ")
        if message.startswith("value is not a valid email address"):
            return "adresse de courriel invalide"
        if field == "publics":
            return "« tous-publics » ne peut pas être utilisé avec d’autres valeurs"
        return message
    return f"refusé par le schéma data·inclusion ({detail['msg']})"
