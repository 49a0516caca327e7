"""Aid card screens: the household's card, merchants and terminals, social market stock and checkout.

Thin: parse a form, call one service or selectors, render. A new card number or terminal key is
rendered straight from the POST that created it and never again.
"""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from refah.accounts.selectors import office_for_user
from refah.aidcard import forms, selectors, services
from refah.aidcard.enums import CardStatus, PurseKind
from refah.common.errors import NotFoundError, PermissionDeniedError, RefahError
from refah.common.money import format_tl
from refah.common.views import error_text, require_perm, screen
from refah.geo.models import District


def _amount(kind: str, value: int) -> str:
    if kind == PurseKind.MARKET:
        return _("%(points)s points") % {"points": value}
    return format_tl(value, translation.get_language() or "tr")


# Household card


def _card_context(request, household) -> dict:
    cards = selectors.card_history(household=household)
    current = next((c for c in cards if c.status != CardStatus.REPLACED), None)
    statement = selectors.household_statement(household=household)
    purses = [
        {"purse": p, "available": _amount(p.kind, p.available), "held": _amount(p.kind, p.held)}
        for p in selectors.purses(household=household)
    ]
    rows = [
        {
            "line": line,
            "amount": _amount(line.purse.kind, line.amount),
            "after": _amount(line.purse.kind, line.available_after),
            "sign": "+" if line.delta_available > 0 else ("−" if line.delta_held > 0 else ""),
        }
        for line in reversed(statement.lines[-200:])
    ]
    return {
        "household": household,
        "card": current,
        "cards": cards,
        "purses": purses,
        "rows": rows,
        "block_form": forms.BlockForm(),
        "pin_form": forms.PinForm(),
    }


@require_http_methods(["GET"])
@screen
def household_card(request, household_id):
    household = selectors.household_card_read(user=request.user, household_id=household_id)
    return render(request, "aidcard/household_card.html", _card_context(request, household))


@require_POST
@screen
def card_issue(request, household_id):
    household = selectors.access_household_by_id(user=request.user, household_id=household_id)
    form = forms.PinForm(request.POST)
    try:
        form.is_valid()
        card, number = services.card_issue(actor=request.user, household=household, pin=form.cleaned_data.get("pin"))
    except (ValidationError, RefahError) as exc:
        if isinstance(exc, (NotFoundError, PermissionDeniedError)):
            raise
        messages.error(request, error_text(exc))
        return redirect("aidcard:household_card", household.pk)
    context = _card_context(request, household) | {"new_number": number}
    return render(request, "aidcard/household_card.html", context)


@require_POST
@screen
def card_block(request, household_id):
    household = selectors.access_household_by_id(user=request.user, household_id=household_id)
    card = selectors.card_active(household=household)
    form = forms.BlockForm(request.POST)
    if card is None or not form.is_valid():
        messages.error(request, _("The household has no active card."))
    else:
        services.card_block(actor=request.user, card=card, reason=form.cleaned_data["reason"])
        messages.success(request, _("The card is blocked. The balances are kept for the replacement card."))
    return redirect("aidcard:household_card", household.pk)


@require_POST
@screen
def card_pin_unblock(request, household_id):
    household = selectors.access_household_by_id(user=request.user, household_id=household_id)
    card = selectors.card_active(household=household)
    form = forms.PinForm(request.POST)
    form.is_valid()
    if card is None:
        messages.error(request, _("The household has no active card."))
        return redirect("aidcard:household_card", household.pk)
    try:
        services.card_pin_unblock(actor=request.user, card=card, pin=form.cleaned_data.get("pin"))
    except RefahError as exc:
        if isinstance(exc, (NotFoundError, PermissionDeniedError)):
            raise
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The card is unlocked; wrong PINs are counted from zero again."))
    return redirect("aidcard:household_card", household.pk)


@require_POST
@screen
def card_replace(request, household_id):
    household = selectors.access_household_by_id(user=request.user, household_id=household_id)
    current = next((c for c in selectors.card_history(household=household) if c.status != CardStatus.REPLACED), None)
    form = forms.PinForm(request.POST)
    form.is_valid()
    if current is None:
        messages.error(request, _("The household has no card to replace."))
        return redirect("aidcard:household_card", household.pk)
    try:
        _card, number = services.card_replace(actor=request.user, card=current, pin=form.cleaned_data.get("pin"))
    except RefahError as exc:
        if isinstance(exc, (NotFoundError, PermissionDeniedError)):
            raise
        messages.error(request, error_text(exc))
        return redirect("aidcard:household_card", household.pk)
    return render(request, "aidcard/household_card.html", _card_context(request, household) | {"new_number": number})


# Merchants and terminals


def _districts(user):
    office = office_for_user(user)
    if office is None:
        return District.objects.none()
    if office.district_id:
        return District.objects.filter(pk=office.district_id)
    if office.province_id:
        return District.objects.filter(province_id=office.province_id)
    return District.objects.all()


@require_http_methods(["GET", "POST"])
@screen
def merchant_list(request):
    merchants = selectors.merchant_list(user=request.user)
    form = forms.MerchantForm(request.POST or None, districts=_districts(request.user))
    if request.method == "POST":
        require_perm(request, "aidcard.manage_merchants")
        if form.is_valid():
            try:
                merchant = services.merchant_create(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, error_text(exc))
            else:
                messages.success(request, _("Merchant registered."))
                return redirect("aidcard:merchant_detail", merchant.pk)
    return render(
        request, "aidcard/merchant_list.html", {"merchants": merchants, "form": form, "purse_kinds": PurseKind}
    )


@require_http_methods(["GET", "POST"])
@screen
def merchant_detail(request, merchant_id):
    merchant = selectors.access_merchant_by_id(user=request.user, merchant_id=merchant_id)
    form = forms.TerminalForm(request.POST or None)
    purses = [kind for kind in merchant.allowed_purses.split(",") if kind]
    context = {"merchant": merchant, "form": form, "purses": purses, "purse_kinds": PurseKind}
    if request.method == "POST":
        require_perm(request, "aidcard.manage_merchants")
        if form.is_valid():
            terminal, key = services.terminal_create(
                actor=request.user, merchant=merchant, name=form.cleaned_data["name"]
            )
            context |= {"new_key": key, "new_terminal": terminal, "form": forms.TerminalForm()}
    context["terminals"] = list(merchant.terminals.order_by("name"))
    context["now"] = timezone.now()
    return render(request, "aidcard/merchant_detail.html", context)


@require_POST
@screen
def terminal_deactivate(request, merchant_id, terminal_id):
    merchant = selectors.access_merchant_by_id(user=request.user, merchant_id=merchant_id)
    terminal = merchant.terminals.filter(pk=_uuid(terminal_id)).first()
    if terminal is None:
        raise NotFoundError(_("Terminal not found."))
    services.terminal_deactivate(actor=request.user, terminal=terminal)
    messages.success(request, _("The terminal is switched off; its key no longer works."))
    return redirect("aidcard:merchant_detail", merchant.pk)


def _uuid(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


# Social market


@require_http_methods(["GET", "POST"])
@screen
def market_stock(request, merchant_id):
    merchant = selectors.access_merchant_by_id(user=request.user, merchant_id=merchant_id)
    item_form = forms.ItemForm(request.POST if request.POST.get("action") == "add" else None)
    if request.method == "POST":
        require_perm(request, "aidcard.manage_market")
        if request.POST.get("action") == "restock":
            _restock(request, merchant)
            return redirect("aidcard:market_stock", merchant.pk)
        if item_form.is_valid():
            try:
                services.market_item_create(actor=request.user, merchant=merchant, **item_form.cleaned_data)
            except (ValidationError, RefahError) as exc:
                item_form.add_error(None, error_text(exc))
            else:
                messages.success(request, _("Item added."))
                return redirect("aidcard:market_stock", merchant.pk)
    items = selectors.market_items(merchant=merchant)
    return render(
        request,
        "aidcard/market_stock.html",
        {
            "merchant": merchant,
            "items": items,
            "item_form": item_form,
            "receipts": selectors.receipts_recent(merchant=merchant),
        },
    )


def _restock(request, merchant) -> None:
    form = forms.RestockForm(request.POST)
    item = merchant.items.filter(pk=form.data.get("item") if _uuid(form.data.get("item")) else None).first()
    if not form.is_valid() or item is None:
        messages.error(request, _("Enter a positive quantity."))
        return
    services.market_restock(
        actor=request.user, item=item, quantity=form.cleaned_data["quantity"], note=form.cleaned_data["note"]
    )
    messages.success(request, _("Stock updated."))


def _basket(request, items) -> dict:
    basket = {}
    for item in items:
        raw = request.POST.get(f"qty-{item.pk}", "").strip()
        if raw.isdigit() and int(raw) > 0:
            basket[item.pk] = int(raw)
    return basket


@require_http_methods(["GET", "POST"])
@screen(permission="aidcard.market_checkout")
def market_checkout(request, merchant_id):
    merchant = selectors.access_merchant_by_id(user=request.user, merchant_id=merchant_id)
    items = selectors.market_items(merchant=merchant, active_only=True)
    form = forms.CheckoutForm(request.POST or None, initial={"idempotency_key": uuid.uuid4().hex})
    if request.method == "POST" and form.is_valid():
        try:
            receipt = services.market_checkout(
                actor=request.user,
                merchant=merchant,
                card_number=form.cleaned_data["card_number"],
                pin=form.cleaned_data["pin"] or None,
                basket=_basket(request, items),
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except RefahError as exc:
            if isinstance(exc, PermissionDeniedError):
                raise
            form.add_error(None, error_text(exc))
        else:
            return redirect("aidcard:receipt_detail", merchant.pk, receipt.pk)
    quantities = {str(i.pk): request.POST.get(f"qty-{i.pk}", "") for i in items}
    rows = [{"item": i, "qty": quantities[str(i.pk)]} for i in items]
    return render(request, "aidcard/market_checkout.html", {"merchant": merchant, "rows": rows, "form": form})


@require_http_methods(["GET"])
@screen
def receipt_detail(request, merchant_id, receipt_id):
    merchant = selectors.access_merchant_by_id(user=request.user, merchant_id=merchant_id)
    receipt = selectors.receipt_get(merchant=merchant, receipt_id=receipt_id)
    return render(request, "aidcard/receipt.html", {"merchant": merchant, "receipt": receipt})
