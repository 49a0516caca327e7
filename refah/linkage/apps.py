from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

REGISTRY_PERSON = "registry_person"


def _registry_person_decided(record_id, person_id, actor) -> None:
    """A registry person found to be another: the decision is the link itself; persons are merged by hand."""


class LinkageConfig(AppConfig):
    name = "refah.linkage"
    label = "linkage"
    verbose_name = _("Record linkage")

    def ready(self) -> None:
        from refah.linkage import roles
        from refah.linkage.services import link_kind_register

        roles.extend_role_permissions()
        link_kind_register(REGISTRY_PERSON, label=_("Registry person"), on_decide=_registry_person_decided)
