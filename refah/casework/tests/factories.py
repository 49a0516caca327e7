"""Factories of the social services' shared records (tests of every social-service app use them)."""

import factory

from refah.casework.enums import ProviderKind, ServiceKind
from refah.casework.models import Service


class ServiceFactory(factory.django.DjangoModelFactory):
    """A service of an office (pass `office=`), or of an outside institution (`provider_name=`)."""

    class Meta:
        model = Service

    kind = ServiceKind.FAMILY_COUNSELLING
    name = factory.Sequence(lambda n: f"Hizmet {n}")
    provider_kind = ProviderKind.SHM
    provider_name = "Iğdır Sosyal Hizmet Merkezi"
    days_to_answer = 10
