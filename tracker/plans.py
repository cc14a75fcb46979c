"""Improvement plans like the SEND Accelerated Progress Plan: actions, milestones, progress."""

import re
from decimal import Decimal

from django.db import models
from django.urls import reverse

NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def parse_number(text: str) -> Decimal | None:
    """The first number in a KPI's text: "50 (Feb '23)" -> 50, "7,473" -> 7473."""
    match = NUMBER.search(text or "")
    return Decimal(match.group().replace(",", "")) if match else None


class Rag(models.TextChoices):
    NONE = "", "Not rated"
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


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
    slug = models.SlugField(unique=True)
    local_area = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("tracker:plan", args=[self.slug])


class PlanAction(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    ref = models.CharField(max_length=10, help_text='"1.1", "2.4".')
    area = models.CharField(
        max_length=500, blank=True, help_text="The area of weakness it addresses."
    )
    text = models.TextField()
    by_when = models.CharField(max_length=100, blank=True, help_text='As written: "April 2024".')
    lead_officer = models.CharField(max_length=300, blank=True)
    rag = models.CharField("action RAG", max_length=5, choices=Rag, blank=True, default=Rag.NONE)
    kpis = models.TextField("KPIs", blank=True)
    kpi_number = models.DecimalField(
        max_digits=14, decimal_places=3, null=True, blank=True, help_text="Read from the KPI text."
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "position", "pk"]

    def __str__(self):
        return f"{self.ref} {self.text[:60]}"

    def save(self, *args, **kwargs):
        self.kpi_number = parse_number(self.kpis)
        super().save(*args, **kwargs)


class Milestone(models.Model):
    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="milestones")
    text = models.TextField()
    by_when = models.CharField(max_length=100, blank=True)
    responsible = models.CharField(max_length=300, blank=True)
    is_done = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["action", "position", "pk"]

    def __str__(self):
        return self.text[:60]


class ProgressUpdate(models.Model):
    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="updates")
    period = models.CharField(max_length=40, help_text='The reporting period, e.g. "May 2023".')
    period_start = models.DateField(help_text="The first day of the period, to order updates.")
    rag = models.CharField(max_length=5, choices=Rag, blank=True, default=Rag.NONE)
    text = models.TextField()

    class Meta:
        ordering = ["action", "period_start", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["action", "period_start"], name="one_update_per_period")
        ]

    def __str__(self):
        return f"{self.action.ref} – {self.period}"
