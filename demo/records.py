"""Reading the demo's data files, and writing rows so that a second run changes nothing."""

import datetime
from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def read(name: str) -> dict:
    """One of the data files in demo/data, by name without its extension."""
    with (DATA_DIR / f"{name}.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def time_of(text: str | None) -> datetime.time | None:
    """ "10:00" -> 10 am. YAML would read an unquoted 10:00 as a number of minutes."""
    return datetime.time.fromisoformat(text) if text else None


def upsert(model, lookup: dict, values: dict):
    """
    The row with these natural-key values, created or brought up to date. Unlike
    update_or_create it saves only when a value differs, so a second run writes nothing.
    """
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save(update_fields=changed)
    return instance
