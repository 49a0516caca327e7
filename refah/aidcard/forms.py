from django import forms
from django.utils.translation import gettext_lazy as _

from refah.aidcard.enums import BlockReason, MerchantKind
from refah.aidcard.models import MerchantCategory
from refah.geo.models import District


class PinForm(forms.Form):
    pin = forms.CharField(
        label=_("PIN"),  # the field template adds "(optional)"
        required=False,
        max_length=6,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class BlockForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=BlockReason.choices)


class MerchantForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=MerchantKind.choices)
    district = forms.ModelChoiceField(label=_("District"), queryset=District.objects.none())
    tax_number = forms.CharField(label=_("Tax number"), max_length=11, required=False)
    categories = forms.ModelMultipleChoiceField(
        label=_("Categories"), queryset=MerchantCategory.objects.all(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, districts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts if districts is not None else District.objects.none()


class TerminalForm(forms.Form):
    name = forms.CharField(label=_("Terminal name"), max_length=100)


class ItemForm(forms.Form):
    name = forms.CharField(label=_("Item"), max_length=200)
    unit = forms.CharField(label=_("Unit"), max_length=20, initial="adet")
    price_points = forms.IntegerField(label=_("Price (points)"), min_value=1)
    quantity = forms.IntegerField(label=_("Opening stock"), min_value=0, initial=0)


class RestockForm(forms.Form):
    item = forms.UUIDField(widget=forms.HiddenInput)
    quantity = forms.IntegerField(label=_("Quantity delivered"), min_value=1)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class CheckoutForm(forms.Form):
    card_number = forms.CharField(
        label=_("Card number"),
        max_length=19,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "autofocus": True}),
    )
    pin = forms.CharField(
        label=_("PIN"),
        required=False,
        max_length=6,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def clean_card_number(self) -> str:
        return "".join(ch for ch in self.cleaned_data["card_number"] if ch.isdigit())
