"""
Improvement plans like the SEND Accelerated Progress Plan: actions, milestones, progress.

The tables keep the names they had when action plans were part of the tracker app
(tracker_actionplan...): actionplans' first migration took the models over as they were.
"""

import datetime
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")
MONTHS = {
    name.lower(): number
    for number, names in enumerate(
        [
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sep", "Sept"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ],
        start=1,
    )
    for name in names
}
PERIOD = re.compile(r"^\s*([A-Za-z]+)\.?\s+'?(\d{2}|\d{4})\s*$")

RAG_LEGEND = [("Red", "red"), ("Amber", "amber"), ("Green", "green")]
MET_LEGEND = [
    ("Met", "blue"),
    ("On track", "green"),
    ("Partially met", "amber"),
    ("Not on track", "red"),
]
LEGENDS = {"rag": RAG_LEGEND, "met": MET_LEGEND}


def parse_number(text: str) -> Decimal | None:
    """The first number in a KPI's text: "50 (Feb '23)" -> 50, "7,473" -> 7473."""
    match = NUMBER.search(text or "")
    return Decimal(match.group().replace(",", "")) if match else None


def parse_period(text: str) -> datetime.date | None:
    """The first day of a reporting period written as a month: "May 2023", "June 23"."""
    match = PERIOD.match(text or "")
    if not match or match.group(1).lower() not in MONTHS:
        return None
    year = int(match.group(2))
    return datetime.date(year if year > 99 else 2000 + year, MONTHS[match.group(1).lower()], 1)


class ActionPlan(models.Model):
    committee = models.ForeignKey(
        "committees.Committee",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_plans",
        help_text="The committee its progress is reported to.",
    )
    title = models.CharField(max_length=300)
    slug = models.SlugField(unique=True, help_text="Used in the plan's web address.")
    local_area = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True)

    class Meta:
        db_table = "tracker_actionplan"
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("actionplans:plan", args=[self.slug])

    def set_legend(self, legend: list[tuple[str, str]]):
        for position, (label, colour) in enumerate(legend, start=1):
            RagLevel.objects.get_or_create(
                plan=self, label=label, defaults={"colour": colour, "position": position}
            )

    def legend_labels(self) -> str:
        return ", ".join(level.label for level in self.rag_levels.all())


class RagLevel(models.Model):
    """One state of a plan's RAG legend: "Red", or "Partially met" in North Somerset's."""

    class Colour(models.TextChoices):
        RED = "red", "Red"
        AMBER = "amber", "Amber"
        GREEN = "green", "Green"
        BLUE = "blue", "Blue"

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="rag_levels")
    label = models.CharField(max_length=60)
    colour = models.CharField(max_length=5, choices=Colour)
    definition = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "tracker_raglevel"
        ordering = ["plan", "position", "pk"]
        verbose_name = "RAG level"
        constraints = [
            models.UniqueConstraint(fields=["plan", "label"], name="unique_rag_label_per_plan")
        ]

    def __str__(self):
        return self.label


def _check_rag(rag, plan) -> dict:
    if rag is not None and plan is not None and rag.plan_id != plan.pk:
        return {
            "rag": (
                f"“{rag.label}” is not in this plan's RAG legend; "
                f"pick one of {plan.legend_labels()}."
            )
        }
    return {}


class PlanAction(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    ref = models.CharField("number", max_length=10, help_text='As printed: "1.1", "2.4".')
    area = models.CharField(
        max_length=500, blank=True, help_text="The area of weakness it addresses."
    )
    text = models.TextField("action", help_text='Usually starts "We will …".')
    by_when = models.CharField(max_length=100, blank=True, help_text='As written: "April 2024".')
    lead_officer = models.CharField("responsible officer", max_length=300, blank=True)
    rag = models.ForeignKey(
        RagLevel,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="action RAG",
    )
    kpis = models.TextField("KPIs", blank=True, help_text="As written; a number in it is kept.")
    kpi_number = models.DecimalField(
        max_digits=14, decimal_places=3, null=True, blank=True, help_text="Read from the KPI text."
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "tracker_planaction"
        ordering = ["plan", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "ref"], name="unique_action_number_per_plan")
        ]

    def __str__(self):
        return f"{self.ref} {self.text[:60]}"

    def save(self, *args, **kwargs):
        self.kpi_number = parse_number(self.kpis)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("actionplans:plan_action", args=[self.plan.slug, self.pk])

    def clean(self):
        errors = {}
        if self.plan_id:
            errors.update(_check_rag(self.rag, self.plan))
            duplicate = PlanAction.objects.filter(plan_id=self.plan_id, ref=self.ref)
            if self.ref and duplicate.exclude(pk=self.pk).exists():
                errors["ref"] = (
                    f"This plan already has an action {self.ref}; each action's number is "
                    "used once in a plan."
                )
        if errors:
            raise ValidationError(errors)


class Milestone(models.Model):
    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="milestones")
    text = models.TextField("milestone")
    by_when = models.CharField(max_length=100, blank=True)
    responsible = models.CharField(max_length=300, blank=True)
    is_done = models.BooleanField("done", default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "tracker_milestone"
        ordering = ["action", "position", "pk"]

    def __str__(self):
        return self.text[:60]


class ProgressUpdate(models.Model):
    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="updates")
    period = models.CharField(max_length=40, help_text='The reporting period, e.g. "May 2023".')
    period_start = models.DateField(help_text="The first day of the period, to order updates.")
    rag = models.ForeignKey(
        RagLevel, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField("progress")

    class Meta:
        db_table = "tracker_progressupdate"
        ordering = ["action", "period_start", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["action", "period_start"], name="one_update_per_period")
        ]

    def __str__(self):
        return f"{self.action.ref} – {self.period}"

    def clean(self):
        errors = {}
        self.period_start = parse_period(self.period) or self.period_start
        if parse_period(self.period) is None:
            errors["period"] = "Write the period as a month and year, e.g. “May 2023”."
        if self.action_id:
            errors.update(_check_rag(self.rag, self.action.plan))
            if self.period_start:
                taken = ProgressUpdate.objects.filter(
                    action_id=self.action_id, period_start=self.period_start
                ).exclude(pk=self.pk)
                if taken.exists():
                    errors["period"] = (
                        f"Action {self.action.ref} already has a progress update for "
                        f"{self.period}; edit that one instead."
                    )
        if errors:
            raise ValidationError(errors)


class ActionPlanReport(models.Model):
    """A plan's progress reported to a meeting: the paper on the agenda item, and its period."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="reports")
    document = models.OneToOneField(
        "meetings.Document", on_delete=models.CASCADE, related_name="action_plan_report"
    )
    period = models.CharField(max_length=40)
    period_start = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "tracker_actionplanreport"
        ordering = ["plan", "-period_start", "-pk"]

    def __str__(self):
        return f"{self.plan}: progress to {self.period}"
