"""Action plans: the public page and paper, and the officer pages that keep them up to date.

Officer pages hold several forms; each posts a hidden "form" naming which one was sent,
and a failed form is shown again on the same page with its errors.
"""

from django.contrib import messages
from django.db.models import Prefetch, ProtectedError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from committees.roles import officer_required, require_manager
from scrutiny.csp import print_view

from .forms import (
    ActionForm,
    MilestoneForm,
    PlanForm,
    ProgressUpdateForm,
    RagLevelForm,
    ReportForm,
)
from .models import ActionPlan, ActionPlanReport, Milestone, PlanAction, ProgressUpdate, RagLevel
from .papers import plan_actions, render_plan_progress
from .services import add_milestone, add_plan_action, report_plan_progress


def _plan(slug) -> ActionPlan:
    return get_object_or_404(
        ActionPlan.objects.select_related("committee").prefetch_related("rag_levels"), slug=slug
    )


def _require_plan_manager(user, plan: ActionPlan) -> None:
    """A plan reported to a committee is run by that committee's council; one reported to
    no committee, by any officer."""
    if plan.committee_id:
        require_manager(user, plan.committee)


def _posted(request, name: str):
    """The POST data for the form called `name`, or None so that form is shown empty."""
    if request.method == "POST" and request.POST.get("form") == name:
        return request.POST
    return None


def plan_list(request):
    plans = ActionPlan.objects.select_related("committee")
    return render(request, "actionplans/plan_list.html", {"plans": plans})


def plan_detail(request, slug):
    plan = _plan(slug)
    return render(
        request,
        "actionplans/plan_detail.html",
        {"plan": plan, "actions": plan_actions(plan), "form": ProgressUpdateForm(plan=plan)},
    )


@print_view
def plan_progress_print(request, slug):
    return HttpResponse(render_plan_progress(_plan(slug)))


@require_POST
@officer_required
def plan_update(request, slug):
    """A progress update added from the public plan page, with the action picked."""
    plan = _plan(slug)
    _require_plan_manager(request.user, plan)
    form = ProgressUpdateForm(request.POST, plan=plan)
    if form.is_valid():
        form.save()
        messages.success(request, "Progress update added.")
        return redirect(plan)
    context = {"plan": plan, "actions": plan_actions(plan), "form": form}
    return render(request, "actionplans/plan_detail.html", context, status=400)


@officer_required
def plan_add(request):
    form = PlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        plan = form.save()
        messages.success(request, "Plan created. Add its actions.")
        return redirect("actionplans:plan_manage", plan.slug)
    return render(
        request, "actionplans/plan_form.html", {"form": form, "title": "Create an action plan"}
    )


@officer_required
def plan_manage(request, slug):
    plan = _plan(slug)
    _require_plan_manager(request.user, plan)
    forms = {
        "plan": PlanForm(_posted(request, "plan"), instance=plan, prefix="plan", user=request.user),
        "level": RagLevelForm(_posted(request, "level"), plan=plan, prefix="level"),
        "action": ActionForm(_posted(request, "action"), plan=plan, prefix="action"),
        "report": ReportForm(_posted(request, "report"), plan=plan, prefix="report"),
    }
    sent = request.POST.get("form") if request.method == "POST" else None
    if sent in forms and forms[sent].is_valid():
        form = forms[sent]
        if sent == "report":
            report = report_plan_progress(
                plan,
                form.cleaned_data["agenda_item"],
                form.cleaned_data["period"],
                title=form.cleaned_data["title"],
                user=request.user,
            )
            messages.success(
                request,
                f"“{report.document.title}” is on the agenda of {report.document.meeting}. "
                "It goes into the pack when the pack is next published.",
            )
        elif sent == "action":
            action = add_plan_action(form.save(commit=False))
            messages.success(request, f"Action {action.ref} added.")
        else:
            form.save()
            messages.success(request, "Saved.")
        return redirect(
            "actionplans:plan_manage", form.instance.slug if sent == "plan" else plan.slug
        )
    context = {
        "plan": plan,
        "actions": plan.actions.select_related("rag").prefetch_related("milestones", "updates"),
        "reports": ActionPlanReport.objects.filter(plan=plan).select_related(
            "document__meeting__committee", "document__agenda_item"
        ),
        "failed_form": forms.get(sent),
        "can_report": bool(forms["report"].fields["period"].choices),
        **{f"{name}_form": form for name, form in forms.items()},
    }
    return render(request, "actionplans/plan_manage.html", context, status=400 if sent else 200)


def _action(slug, pk) -> PlanAction:
    return get_object_or_404(
        PlanAction.objects.select_related("plan__committee", "rag").prefetch_related(
            "plan__rag_levels",
            "milestones",
            Prefetch("updates", queryset=ProgressUpdate.objects.select_related("rag")),
        ),
        plan__slug=slug,
        pk=pk,
    )


@officer_required
def action_manage(request, slug, pk):
    action = _action(slug, pk)
    plan = action.plan
    _require_plan_manager(request.user, plan)
    forms = {
        "action": ActionForm(
            _posted(request, "action"), instance=action, plan=plan, prefix="action"
        ),
        "milestone": MilestoneForm(
            _posted(request, "milestone"), action=action, prefix="milestone"
        ),
        "update": ProgressUpdateForm(
            _posted(request, "update"), plan=plan, action=action, prefix="update"
        ),
    }
    sent = request.POST.get("form") if request.method == "POST" else None
    if sent in forms and forms[sent].is_valid():
        form = forms[sent]
        if sent == "milestone":
            add_milestone(form.save(commit=False))
        else:
            form.save()
        messages.success(request, "Saved.")
        return redirect("actionplans:plan_action", plan.slug, action.pk)
    context = {
        "plan": plan,
        "action": action,
        "failed_form": forms.get(sent),
        **{f"{name}_form": form for name, form in forms.items()},
    }
    return render(request, "actionplans/plan_action.html", context, status=400 if sent else 200)


PARTS = {
    "milestone": (Milestone, "action__plan__slug", MilestoneForm, "Edit milestone"),
    "update": (ProgressUpdate, "action__plan__slug", ProgressUpdateForm, "Edit progress update"),
}


@officer_required
def part_edit(request, slug, kind, pk):
    if kind not in PARTS:
        raise Http404("Nothing of that kind.")
    model, plan_path, form_class, title = PARTS[kind]
    part = get_object_or_404(
        model.objects.select_related("action__plan__committee"), pk=pk, **{plan_path: slug}
    )
    action = part.action
    _require_plan_manager(request.user, action.plan)
    kwargs = {"action": action}
    if form_class is ProgressUpdateForm:
        kwargs["plan"] = action.plan
    form = form_class(request.POST or None, instance=part, **kwargs)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved.")
        return redirect("actionplans:plan_action", slug, action.pk)
    return render(
        request,
        "actionplans/plan_form.html",
        {
            "form": form,
            "title": title,
            "plan": action.plan,
            "action": action,
            "part_kind": kind,
            "part_name": model._meta.verbose_name,
        },
        status=400 if request.method == "POST" else 200,
    )


DELETABLE = {
    "action": (PlanAction, "plan__slug"),
    "milestone": (Milestone, "action__plan__slug"),
    "update": (ProgressUpdate, "action__plan__slug"),
    "level": (RagLevel, "plan__slug"),
}


@require_POST
@officer_required
def part_delete(request, slug, kind, pk):
    if kind not in DELETABLE:
        raise Http404("Nothing of that kind.")
    model, plan_path = DELETABLE[kind]
    part = get_object_or_404(model, pk=pk, **{plan_path: slug})
    _require_plan_manager(request.user, _plan(slug))
    try:
        part.delete()
        messages.success(request, "Removed.")
    except ProtectedError:
        messages.error(
            request,
            f"“{part}” is still used by actions or progress updates; change those first.",
        )
    if kind in ("milestone", "update"):
        return redirect("actionplans:plan_action", slug, part.action_id)
    return redirect("actionplans:plan_manage", slug)
