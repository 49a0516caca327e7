from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

REGISTRY_PERSON = "registry_person"


class LinkageConfig(AppConfig):
    name = "refah.linkage"
    label = "linkage"
    verbose_name = _("Record linkage")

    def ready(self) -> None:
        from refah.linkage import roles
        from refah.linkage.services import link_kind_register
        from refah.linkage.services.persons import merge_made, merge_undone, registry_person_decided
        from refah.registry.signals import person_merged, person_unmerged

        roles.extend_role_permissions()
        # Two registry persons found to be one: accepting the review item merges them (docs/linkage.md).
        link_kind_register(REGISTRY_PERSON, label=_("Registry person"), on_decide=registry_person_decided)
        person_unmerged.connect(merge_undone, dispatch_uid="linkage_merge_undone")
        person_merged.connect(merge_made, dispatch_uid="linkage_merge_made")
