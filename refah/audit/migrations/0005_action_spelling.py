"""Audit actions in one spelling (`<subject>_<verb>`, refah.audit.actions.AuditAction): the payments app's
`payments.<subject>_<verb>` actions already stored are renamed; the reverse restores them."""

from django.db import migrations

# Frozen here (not imported from the app): the spelling the rows had and the one they have now.
RENAMED = {
    "payments.cycle_create": "payment_cycle_create",
    "payments.cycle_compute": "payment_cycle_compute",
    "payments.batch_create": "payment_batch_create",
    "payments.batch_approve": "payment_batch_approve",
    "payments.batch_export": "payment_batch_export",
    "payments.batch_answer_import": "payment_batch_answer_import",
    "payments.ptt_unclaimed_return": "ptt_unclaimed_return",
    "payments.payee_account_set": "payee_account_set",
    "payments.warehouse_create": "warehouse_create",
    "payments.stock_receipt": "stock_receipt",
    "payments.stock_issue": "stock_issue",
    "payments.stock_delivery": "stock_delivery",
    "payments.delivery_record": "delivery_record",
}


def _rename(apps, mapping: dict[str, str]) -> None:
    AuditEvent = apps.get_model("audit", "AuditEvent")
    for old, new in mapping.items():  # one UPDATE per action, through the action index
        AuditEvent.objects.filter(action=old).update(action=new)


def forward(apps, schema_editor):
    _rename(apps, RENAMED)


def backward(apps, schema_editor):
    _rename(apps, {new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_access_log")]

    operations = [migrations.RunPython(forward, backward)]
