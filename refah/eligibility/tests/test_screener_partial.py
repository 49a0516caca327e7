"""The screener from partial answers (issue 12, item 6): likely / unlikely / unknown per program, only the
questions that decide, money the Turkish way, step by step on the page."""

import json

import pytest
from django.conf import settings
from django.test import Client

from refah.common.money import kurus_to_tl
from refah.eligibility.engine import evaluate, parse_period
from refah.eligibility.overlay import overrides_on
from refah.eligibility.rules import PROGRAMS
from refah.eligibility.screener import SCENARIO_CAP, _grid, screen
from refah.eligibility.tests.test_screener_api import _page_data, _row_counts, household, member, post

pytestmark = pytest.mark.django_db

STEP_1 = {
    "step": "1",
    "h-period": "2025-07",
    "h-il": "76",
    "h-ilce": "TUR076002",
    "m-TOTAL_FORMS": "1",
    "m-INITIAL_FORMS": "0",
    "m-0-role": "reference",
    "m-0-birth_date": "1950-03-01",
    "m-0-sex": "F",
}


def _program(body: dict, code: str) -> dict:
    return next(p for p in body["programs"] if p["code"] == code)


def test_ages_and_roles_alone_are_answered():
    body = {"period": "2025-07", "il": 76, "members": [{"role": "reference", "birth_date": "1990-03-01"}]}
    response = post(body, "en")
    assert response.status_code == 200, response.content
    answer = response.json()
    # 35 years old, living alone: no age nor any answer makes her or him an old-age pensioner or a newborn
    assert _program(answer, "old_age_pension")["status"] == "unlikely"
    assert _program(answer, "birth_aid")["status"] == "unlikely"
    family = _program(answer, "family_support")
    assert family["status"] == "unknown" and family["eligible"] is None
    assert "members.0.monthly_income" in [item["field"] for item in family["missing"]]
    assert answer["need_score"] is None  # it reads income and the dwelling, not given


def test_every_answer_given_is_the_full_determination():
    answer = post(household(), "tr").json()
    assert answer["missing"] == []
    assert {p["status"] for p in answer["programs"]} <= {"likely", "unlikely"}
    assert answer["need_score"] is not None


def test_amounts_are_formatted_for_people():
    # 6,000 / 4 = 1,500 per capita → 850 band + 350 child add-on = 1,200 TL a month
    turkish = _program(post(household(), "tr").json(), "family_support")
    english = _program(post(household(), "en").json(), "family_support")
    assert turkish["amounts"] == [{"frequency": "monthly", "text": "1.200,00 TL aylık"}]
    assert english["amounts"] == [{"frequency": "monthly", "text": "1,200.00 TL monthly"}]
    assert turkish["monthly"] == "1200.00"  # the machine-readable amount stays as it was


def test_every_answer_given_is_what_the_engine_says_household_cap_included():
    body = household()
    period = body.pop("period")
    orphan = {"role": "child", "employment_status": "child", "marital_status": "single", "school_level": "primary"}
    widow = {"sex": "F", "marital_status": "widowed", "spouse_deceased": True, "employment_status": "homemaker"}
    body["members"] = [member(role="reference", birth_date="1980-03-01", **widow)] + [
        member(**orphan, orphan=True, birth_date=f"201{i}-03-01", sex="F", absence_days=0) for i in range(6)
    ]
    engine = evaluate(body, period, list(PROGRAMS), overrides_on(parse_period(period))).summary(0)
    answer = screen(household=body, period=period, lang="en")
    # the cap: 1 × 22,104.67 for income support + family support + orphan + widow aid; income support is cut
    # to 22,104.67 − 1,900 − 3,600 − 1,000 = 15,604.67 only when the capped programs are evaluated together
    assert _program(answer, "income_support")["monthly"] == "15604.67"
    for program in answer["programs"]:
        assert program["eligible"] == engine[program["code"]]["eligible"], program["code"]
        monthly = engine[program["code"]]["amounts"].get("monthly")
        if program["unit"] == "TRY" and program["eligible"] and monthly:
            assert program["monthly"] == str(kurus_to_tl(monthly)), program["code"]


def test_an_amount_that_depends_on_a_missing_answer_is_a_range():
    body = household()
    del body["members"][1]["disability_percent"]  # the spouse's: 40–69 % and 70 % or more pay differently
    answer = post(body, "tr").json()
    pension = _program(answer, "disability_pension")
    assert pension["status"] == "unknown" and pension["monthly"] is None
    assert pension["amounts"] == [{"frequency": "monthly", "text": "4.302,00 TL – 6.454,00 TL aylık"}]
    assert [item["field"] for item in pension["missing"]] == ["members.1.disability_percent"]
    assert _program(answer, "family_support")["status"] == "likely"  # it does not read disability


def test_what_follows_from_age_and_sex_is_not_asked():
    body = {
        "period": "2025-07",
        "il": 76,
        "members": [
            {"role": "reference", "birth_date": "1990-03-01", "sex": "M"},
            {"role": "child", "birth_date": "2022-03-01", "sex": "F"},
        ],
    }
    missing = post(body, "en").json()["missing"]
    assert "members.0.pregnant" not in missing  # a man
    assert not {"members.1.employment_status", "members.1.monthly_income", "members.1.marital_status"} & set(missing)
    assert "members.1.child_checkups_done" in missing  # a three-year-old: the check-ups decide cct_health


def test_reasons_shown_hold_whatever_the_missing_answers():
    body = household()
    del body["members"][0]["monthly_income"]
    family = _program(post(body, "en").json(), "family_support")
    texts = " ".join(reason["text"] for reason in family["reasons"])
    assert "per-capita income" not in texts  # it would quote an income nobody gave


def test_many_missing_answers_are_sampled_within_the_cap():
    members = [{"role": "reference", "birth_date": "1960-03-01"}] + [
        {"role": "child", "birth_date": f"20{10 + i}-03-01"} for i in range(8)
    ]
    answer = screen(household={"il": 76, "members": members}, period="2025-07", lang="tr")
    assert len(answer["programs"]) == len(PROGRAMS) == 18 and SCENARIO_CAP == 4096


def test_members_lacking_an_answer_are_also_tried_with_different_values():
    grid = _grid(["disability_percent", "rural"], {"disability_percent": [0, 2], "rural": []})
    disability = grid["disability_percent"]
    assert disability.shape[1] == 2 and grid["rural"].shape == (len(disability), 1)
    assert (disability[:, 0] == disability[:, 1]).any() and (disability[:, 0] != disability[:, 1]).any()
    rows = zip(disability.tolist(), grid["rural"].tolist(), strict=True)
    uniform = {(first, rural) for (first, second), (rural,) in rows if first == second}
    assert len(uniform) == 5 * 2  # every value of each, for both members alike: all 10 combinations


def test_the_api_document_describes_partial_input():
    schema = Client().get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert schema["ScreenerIn"]["required"] == ["members"]
    assert set(schema["ScreenerMemberIn"]["required"]) == {"role", "birth_date"}
    assert "unknown" in schema["ProgramOut"]["properties"]["status"]["description"]
    assert "missing" in schema["ProgramOut"]["properties"]


def _client(lang="en") -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    return client


def test_step_1_asks_who_and_where_only():
    html = _client().get("/screener/").content.decode()
    assert 'name="m-0-role"' in html and 'name="m-0-birth_date"' in html
    assert "employment_status" not in html and "monthly_income" not in html
    assert '<option value="reference" selected>' in html  # the first member is the reference person, not "child"


def test_step_2_asks_only_what_decides():
    before = _row_counts()
    response = _client().post("/screener/", STEP_1)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Step 2 of 3" in html
    assert 'name="m-0-monthly_income"' in html and 'type="hidden" name="m-0-birth_date"' in html
    # a 75-year-old woman: not asked about school, pregnancy, check-ups or the risk of entering care
    for name in ("school_level", "pregnant", "child_checkups_done", "sed_risk", "absence_days"):
        assert f'name="m-0-{name}"' not in html
    assert _row_counts() == before


def test_step_3_answers_with_turkish_money():
    html = _client("tr").post("/screener/", _page_data(household())).content.decode()
    assert "Step 3 of 3" in html or "Adım 3 / 3" in html
    assert "1.200,00 TL" in html and "1200.00" not in html.split('id="step-title"')[1]


def test_step_1_errors_are_summarised_and_linked():
    data = STEP_1 | {"m-0-birth_date": "", "m-0-role": ""}
    response = _client().post("/screener/", data)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'class="error-summary"' in html and 'href="#id_m-0-birth_date"' in html and 'href="#id_m-0-role"' in html
    assert "Member 1 — Birth date" in html


def test_step_2_errors_name_the_member():
    data = STEP_1 | {"step": "", "m-0-monthly_income": "٣٥٠٠"}
    response = _client().post("/screener/", data)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Step 2 of 3" in html and 'href="#id_m-0-monthly_income"' in html and "Member 1 — Monthly income" in html


def test_unanswered_step_2_still_answers():
    data = STEP_1 | {"step": ""}
    html = _client().post("/screener/", data).content.decode()
    assert "Step 3 of 3" in html and "Needs checking" in html


def test_api_keeps_refusing_invalid_values():
    body = {"members": [{"role": "reference", "birth_date": "1990-03-01", "sex": "X"}]}
    response = Client().post("/api/v1/screener", json.dumps(body), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "members.sex"


HOUSEHOLD_KEYS = ("il", "ilce", "rural", "dwelling_type", "tenure", "heating", "monthly_rent", "rooms", "assets")
MEMBER_KEYS = tuple(key for key in household()["members"][0] if key not in ("role", "birth_date"))


@pytest.mark.parametrize("key", HOUSEHOLD_KEYS + MEMBER_KEYS)
def test_any_one_input_left_out_is_answered(key):
    body = household()
    body.pop(key, None)
    for person in body["members"]:
        person.pop(key, None)
        if key == "school_level":
            person.pop("absence_days", None)
    response = post(body, "en")
    assert response.status_code == 200, response.content
    assert all(p["status"] in {"likely", "unlikely", "unknown"} for p in response.json()["programs"])


def test_the_steps_speak_turkish():
    client = _client("tr")
    step_2 = client.post("/screener/", STEP_1).content.decode()
    assert "Adım 2 / 3: birkaç soru" in step_2 and "Step 2" not in step_2 and "Not known" not in step_2
    step_3 = client.post("/screener/", STEP_1 | {"step": ""}).content.decode()
    assert "Adım 3 / 3" in step_3 and "Kontrol edilmesi gerekenler" in step_3 and "(1. üye)" in step_3
    assert "Needs checking" not in step_3 and "member 1" not in step_3
