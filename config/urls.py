from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from config.api import api

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="registry:household_search", permanent=False)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("refah.accounts.urls")),
    path("registry/", include("refah.registry.urls")),
    path("eligibility/", include("refah.eligibility.urls")),
    path("screener/", include("refah.eligibility.urls_screener")),
    path("cases/", include("refah.cases.urls")),
    path("committees/", include("refah.committees.urls")),
    path("payments/", include("refah.payments.urls")),
    path("aidcard/", include("refah.aidcard.urls")),
    path("aid/", include("refah.aidrecords.urls")),
    path("linkage/", include("refah.linkage.urls")),
    path("exchange/", include("refah.exchange.urls")),
    path("employment/", include("refah.employment.urls")),
    path("casework/", include("refah.casework.urls")),
    path("shelters/", include("refah.shelters.urls")),
    path("care/", include("refah.care.urls")),
    path("entitlements/", include("refah.entitlements.urls")),
    path("asdep/", include("refah.asdep.urls")),
    path("targeting/outreach/", include("refah.targeting.outreach.urls")),
    path("targeting/anomalies/", include("refah.targeting.anomalies.urls")),
    path("reports/", include("refah.reports.urls")),
    path("targeting/", include("refah.targeting.urls")),
    path("ledger/", include("refah.portal.ledger.urls")),
    path("open-data/", include("refah.reports.opendata.urls")),
    path("survey/", include("refah.reports.surveys.public_urls")),
    path("audit/access/", include("refah.registry.access_log.urls")),
    path("portal/", include("refah.portal.urls")),
    path("api/v1/", api.urls),
    path("api/docs", RedirectView.as_view(url="/api/v1/docs", permanent=False)),
    # Staff sign in through one door, with its throttle and second factor (refah.accounts.views), the admin too.
    path("admin/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    path("admin/", admin.site.urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.STATIC_URL, document_root=settings.STATIC_ROOT)
