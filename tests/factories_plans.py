import datetime

import factory

from tests.factories import CommitteeFactory
from tracker.plans import RAG_LEGEND, ActionPlan, PlanAction, ProgressUpdate, parse_period


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan
        skip_postgeneration_save = True

    committee = factory.SubFactory(CommitteeFactory)
    title = factory.Sequence(lambda n: f"Accelerated Progress Plan {n}")
    slug = factory.Sequence(lambda n: f"plan-{n}")

    @factory.post_generation
    def legend(self, create, extracted, **kwargs):
        self.set_legend(extracted or RAG_LEGEND)


class PlanActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanAction

    plan = factory.SubFactory(ActionPlanFactory)
    ref = factory.Sequence(lambda n: f"1.{n + 1}")
    text = factory.Sequence(lambda n: f"We will improve service {n}")
    by_when = "April 2024"
    lead_officer = "Claire Merchant-Jones (Head of SEND, Somerset Council)"
    position = factory.Sequence(lambda n: n + 1)


def add_update(action, period: str, rag_label: str, text: str) -> ProgressUpdate:
    return ProgressUpdate.objects.create(
        action=action,
        period=period,
        period_start=parse_period(period) or datetime.date(2023, 1, 1),
        rag=action.plan.rag_levels.get(label=rag_label),
        text=text,
    )
