"""The booklet's screen: choose a province (of one's jurisdiction), a year and a language; the booklet is made in
the background and offered on "My reports"."""

from django import forms
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from refah.common.errors import RefahError
from refah.common.views import screen
from refah.reports import jobs
from refah.reports.booklet.kind import provinces_for
from refah.reports.roles import MAKE_BOOKLET


class BookletForm(forms.Form):
    province = forms.ChoiceField(label=_("Province"))
    year = forms.IntegerField(label=_("Year"), min_value=2000)
    language = forms.ChoiceField(label=_("Language"), choices=[("tr", _("Turkish")), ("en", _("English"))])

    def __init__(self, *args, provinces=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [(str(p.pk), p.name) for p in provinces]
        self.fields["year"].max_value = timezone.localdate().year
        self.fields["year"].widget.attrs.update(max=timezone.localdate().year, inputmode="numeric")


@screen(permission=MAKE_BOOKLET, methods=("GET", "POST"))
def booklet(request):
    provinces = provinces_for(request.user)
    initial = {"year": timezone.localdate().year - 1, "language": request.LANGUAGE_CODE[:2]}
    if provinces:
        initial["province"] = str(provinces[0].pk)
    form = BookletForm(request.POST or None, initial=initial, provinces=provinces)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = jobs.job_request(
                actor=request.user,
                kind="booklet",
                params={"province": int(data["province"]), "year": data["year"]},
                language=data["language"],
            )
        except RefahError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return redirect("reports:job_detail", job_id=job.pk)
    return render(request, "reports/booklet/booklet.html", {"form": form, "provinces": provinces})
