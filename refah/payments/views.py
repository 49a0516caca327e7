"""Payments screens: cycles (create, compute), batches (create, approve, export, bank answer, summary),
in-kind stock and deliveries. Thin: a form in, one service or selector call, a redirect or a page.
"""

import datetime as dt
import tempfile

from django import forms
from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from refah.common.errors import RefahError
from refah.common.views import screen
from refah.eligibility import catalogue
from refah.payments import selectors, services
from refah.payments.enums import Channel, EntitlementStatus, LineStatus
from refah.payments.models import InKindItem
from refah.registry.selectors import access_household_by_id


class CycleForm(forms.Form):
    # every program by its name in the active language, from the catalogue (called per form: the language applies)
    program = forms.ChoiceField(label=gettext_lazy("Program"), choices=catalogue.program_choices)
    period_start = forms.DateField(
        label=gettext_lazy("First day of the period"), widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d")
    )


class BatchForm(forms.Form):
    channel = forms.ChoiceField(
        label=gettext_lazy("Channel"), choices=[(c.value, c.label) for c in (Channel.BANK, Channel.PTT)]
    )
    debtor_name = forms.CharField(label=gettext_lazy("Paying account holder"), max_length=140)
    debtor_iban = forms.CharField(label=gettext_lazy("Paying IBAN"), max_length=34)
    execution_date = forms.DateField(
        label=gettext_lazy("Execution date"), widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d")
    )


class AnswerForm(forms.Form):
    format = forms.ChoiceField(label=gettext_lazy("Format"), choices=[("xml", "pain.002 XML"), ("csv", "CSV")])
    file = forms.FileField(label=gettext_lazy("Bank's answer"))


class ReceiptForm(forms.Form):
    item = forms.ChoiceField(label=gettext_lazy("Item"), choices=InKindItem.choices)
    quantity = forms.IntegerField(label=gettext_lazy("Quantity"), min_value=1)
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)


class DeliveryForm(ReceiptForm):
    household_id = forms.CharField(label=gettext_lazy("Household id"))
    receiver_name = forms.CharField(label=gettext_lazy("Receiver's name"), required=False)
    receiver_identifier = forms.CharField(label=gettext_lazy("Receiver's TC Kimlik No"), required=False)
    signature = forms.FileField(label=gettext_lazy("Signature image"), required=False)


def _error(request, exc: RefahError) -> None:
    messages.error(request, str(exc.message))


@screen(methods=("GET", "POST"))
def cycle_list(request):
    form = CycleForm(request.POST or None, initial={"period_start": dt.date.today().replace(day=1)})
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.cycle_create(actor=request.user, **form.cleaned_data)
            return redirect("payments:cycle_detail", cycle_id=cycle.pk)
        except RefahError as exc:
            _error(request, exc)
    cycles = selectors.cycle_list(user=request.user)[:100]
    return render(request, "payments/cycle_list.html", {"cycles": cycles, "form": form})


@screen(methods=("GET",))
def cycle_detail(request, cycle_id):
    cycle = selectors.access_cycle_by_id(user=request.user, cycle_id=cycle_id)
    context = {
        "cycle": cycle,
        "summary": selectors.cycle_summary(user=request.user, cycle=cycle),
        "batches": selectors.batch_list(user=request.user, cycle=cycle),
        "form": BatchForm(initial={"execution_date": dt.date.today()}),
        "statuses": EntitlementStatus,
    }
    return render(request, "payments/cycle_detail.html", context)


@screen(methods=("POST",))
def cycle_run(request, cycle_id):
    cycle = selectors.access_cycle_by_id(user=request.user, cycle_id=cycle_id)
    try:
        cycle = services.cycle_compute(actor=request.user, cycle=cycle)
        messages.success(request, _("Cycle computed: %(n)s entitlements.") % {"n": cycle.entitlement_count})
    except RefahError as exc:
        _error(request, exc)
    return redirect("payments:cycle_detail", cycle_id=cycle.pk)


@screen(methods=("POST",))
def batch_new(request, cycle_id):
    cycle = selectors.access_cycle_by_id(user=request.user, cycle_id=cycle_id)
    form = BatchForm(request.POST)
    retry_of = request.POST.get("retry_of")
    # Outside the jurisdiction the batch to retry is "not found" (the 404 page), like a wrong id.
    source = selectors.access_batch_by_id(user=request.user, batch_id=retry_of) if retry_of else None
    if form.is_valid():
        try:
            batch = services.batch_create(actor=request.user, cycle=cycle, retry_of=source, **form.cleaned_data)
            return redirect("payments:batch_detail", batch_id=batch.pk)
        except RefahError as exc:
            _error(request, exc)
    else:
        messages.error(request, _("Check the batch form."))
    return redirect("payments:cycle_detail", cycle_id=cycle.pk)


@screen(methods=("GET",))
def batch_detail(request, batch_id):
    batch = selectors.access_batch_by_id(user=request.user, batch_id=batch_id)
    context = {
        "batch": batch,
        "summary": selectors.batch_summary(batch=batch),
        "statuses": LineStatus,
        "answer_form": AnswerForm(),
        "retry_form": BatchForm(
            initial={
                "channel": batch.channel,
                "debtor_name": batch.debtor_name,
                "debtor_iban": batch.debtor_iban,
                "execution_date": dt.date.today(),
            }
        ),
        "lines": selectors.batch_lines_read(user=request.user, batch=batch),
    }
    return render(request, "payments/batch_detail.html", context)


@screen(methods=("POST",))
def batch_ok(request, batch_id):
    batch = selectors.access_batch_by_id(user=request.user, batch_id=batch_id)
    try:
        services.batch_approve(actor=request.user, batch=batch)
        messages.success(request, _("Batch approved."))
    except RefahError as exc:
        _error(request, exc)
    return redirect("payments:batch_detail", batch_id=batch.pk)


@screen(methods=("GET",))
def batch_file(request, batch_id, fmt: str):
    batch = selectors.access_batch_by_id(user=request.user, batch_id=batch_id)
    out = tempfile.TemporaryFile()  # noqa: SIM115 — FileResponse closes it after streaming
    try:
        services.batch_export(actor=request.user, batch=batch, fmt=fmt, out=out)
    except RefahError as exc:
        out.close()
        _error(request, exc)
        return redirect("payments:batch_detail", batch_id=batch.pk)
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=f"{batch.message_id}.{fmt}")


@screen(methods=("POST",))
def batch_answer(request, batch_id):
    batch = selectors.access_batch_by_id(user=request.user, batch_id=batch_id)
    form = AnswerForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            changed = services.batch_answer_import(
                actor=request.user,
                batch=batch,
                content=form.cleaned_data["file"].read(),
                fmt=form.cleaned_data["format"],
            )
            messages.success(
                request, _("Answer imported: %(paid)s paid, %(failed)s failed, %(returned)s returned.") % changed
            )
        except RefahError as exc:
            _error(request, exc)
    return redirect("payments:batch_detail", batch_id=batch.pk)


@screen(methods=("GET",))
def stock(request):
    return render(request, "payments/stock.html", {"warehouses": selectors.warehouse_list(user=request.user)})


@screen(methods=("GET", "POST"))
def warehouse_detail(request, warehouse_id):
    warehouse = selectors.access_warehouse_by_id(user=request.user, warehouse_id=warehouse_id)
    receipt = ReceiptForm(request.POST if request.POST.get("action") == "receive" else None, prefix="r")
    delivery = DeliveryForm(
        request.POST if request.POST.get("action") == "deliver" else None, request.FILES or None, prefix="d"
    )
    try:
        if receipt.is_bound and receipt.is_valid():
            services.stock_receive(actor=request.user, warehouse=warehouse, **receipt.cleaned_data)
            messages.success(request, _("Stock received."))
            return redirect("payments:warehouse_detail", warehouse_id=warehouse.pk)
        if delivery.is_bound and delivery.is_valid():
            data = delivery.cleaned_data
            household = access_household_by_id(user=request.user, household_id=data["household_id"])
            services.delivery_record(
                actor=request.user,
                warehouse=warehouse,
                household=household,
                item=data["item"],
                quantity=data["quantity"],
                receiver_name=data["receiver_name"],
                receiver_identifier=data["receiver_identifier"],
                signature=data["signature"],
            )
            messages.success(request, _("Delivery recorded."))
            return redirect("payments:warehouse_detail", warehouse_id=warehouse.pk)
    except RefahError as exc:
        _error(request, exc)
    context = {"warehouse": warehouse, "receipt": receipt, "delivery": delivery, "moves": warehouse.moves.all()[:50]}
    return render(request, "payments/warehouse.html", context)
