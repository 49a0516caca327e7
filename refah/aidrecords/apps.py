from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AidrecordsConfig(AppConfig):
    name = "refah.aidrecords"
    label = "aidrecords"
    verbose_name = _("Aid from every institution")

    def ready(self) -> None:
        from refah.aidrecords import roles
        from refah.aidrecords.services import merges
        from refah.aidrecords.services.linking import linkage_register
        from refah.registry import signals

        roles.extend_role_permissions()
        linkage_register()
        # A person's aid follows a merge of their two registry records (docs/aidrecords.md).
        signals.person_merged.connect(merges.person_merged, dispatch_uid="aidrecords_person_merged")
        signals.person_unmerged.connect(merges.person_unmerged, dispatch_uid="aidrecords_person_unmerged")
