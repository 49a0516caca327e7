from django.utils.translation import gettext_lazy as _

ERR_DISTRICT = _("This district is not in your jurisdiction or does not exist.")
ERR_BUDGET = _("Enter the budget as an amount in TL greater than zero (e.g. 250000 or 250000.50).")
ERR_LINE = _("Enter the poverty line as a monthly amount in TL per adult equivalent greater than zero.")
ERR_RULE = _("Choose how the budget is shared: the poorest first or in proportion to the gap.")
