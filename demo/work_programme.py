"""Somerset's Children and Families Work Plan 2023 - 2024."""

from committees.models import Committee
from meetings.models import Meeting
from workprogramme.models import Theme, ThemeTopic, WorkProgramme, WorkProgrammeItem


def load(stdout, data: dict) -> None:
    committee = Committee.objects.get(slug=data["committee"])
    programme, created = WorkProgramme.objects.get_or_create(
        committee=committee,
        municipal_year=data["municipal_year"],
        defaults={"title": data["title"], "note": data["note"]},
    )
    if not created and programme.items.exists():
        stdout.write(f"{programme.title}: already loaded.")
        return
    rows = []
    for group in data["groups"]:
        rows += [
            {"section": group["section"], "group_heading": group["heading"], **item}
            for item in group["items"]
        ]
    for planned in data["meetings"]:
        meeting = Meeting.objects.get(committee=committee, date=planned["date"])
        rows += [{"section": "meeting", "meeting": meeting, **item} for item in planned["items"]]
    rows += [{"section": "to_be_scheduled", "title": title} for title in data["to_be_scheduled"]]
    WorkProgrammeItem.objects.bulk_create(
        WorkProgrammeItem(programme=programme, position=position, **row)
        for position, row in enumerate(rows, 1)
    )
    for theme_position, theme in enumerate(data["themes"]):
        created_theme = Theme.objects.create(
            programme=programme, name=theme["name"], position=theme_position
        )
        ThemeTopic.objects.bulk_create(
            ThemeTopic(theme=created_theme, text=text, position=position)
            for position, text in enumerate(theme["topics"])
        )
    stdout.write(f"{programme.title}: {len(rows)} items.")
