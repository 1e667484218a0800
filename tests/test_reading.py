"""Report text → claims → audit, on the published seed articles (../shared/seeds)."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from thads_metrics import ReportingPeriod
from thads_metrics.cli import main
from thads_metrics.errors import ParseError
from thads_metrics.reading import QUANTITIES, Claim, Interval, audit, read_report

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _seed(prefix: str) -> tuple[str, str]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return path.name, path.read_text(encoding="utf-8")


def _claims(prefix: str) -> list[Claim]:
    name, text = _seed(prefix)
    return read_report(text, source=name)


def _read(claims: list[Claim]) -> list[tuple[str, str | None, str]]:
    return [(c.quantity, c.ledger, c.figure.text) for c in claims if c.is_read]


def test_seed_000_vinh_phuc_11_months_2021() -> None:
    """ "tính đến 31/8/2021 (11 tháng 2021) toàn tỉnh phải thi hành hơn 7 nghìn 4 trăm việc với
    gần 600 tỷ đồng, tăng 18,7% … đã thi hành xong hơn 5 nghìn 2 trăm việc với hơn 146,9 tỷ
    đồng (tăng 23,75% …), đạt tỷ lệ giải quyết 80,9% về việc và 43% về tiền (… vượt 2,5% về
    tiền …), còn thiếu 1,6% về việc." """
    claims = _claims("000")
    results = [c for c in claims if c.period == ReportingPeriod(2021, 11)]
    assert _read(results) == [
        ("to_enforce", "cases", "hơn 7 nghìn 4 trăm việc"),
        ("to_enforce", "money", "gần 600 tỷ đồng"),
        ("change_relative", "money", "tăng 18,7%"),
        ("finished", "cases", "hơn 5 nghìn 2 trăm việc"),
        ("finished", "money", "hơn 146,9 tỷ đồng"),
        ("change_relative", "money", "tăng 23,75%"),
        ("completion_rate", "cases", "80,9%"),
        ("completion_rate", "money", "43%"),
        ("gap_to_target", "money", "vượt 2,5%"),
        ("gap_to_target", "cases", "còn thiếu 1,6%"),
    ]
    assert {c.unit for c in results} == {"Vĩnh Phúc"}
    assert results[2].subject == "to_enforce"
    assert results[5].subject == "finished"
    unread = [c.figure.text for c in claims if not c.is_read]
    assert unread == ["04 văn bản"]  # "Cục đã ban hành 04 văn bản chỉ đạo": no result


def test_seed_002_vinh_phuc_year_2021() -> None:
    claims = _claims("002")
    assert ("finished", "cases", "hơn 5.750 việc") in _read(claims)
    assert ("completion_rate", "cases", "hơn 84%") in _read(claims)
    assert ("completion_rate", "money", "45,5%") in _read(claims)
    assert ("gap_to_target", "cases", "vượt gần 4%") in _read(claims)
    assert ("gap_to_target", "money", "hơn 4,8%") in _read(claims)
    credit = [c for c in claims if c.category == "credit"]
    assert [(c.quantity, c.figure.text) for c in credit] == [
        ("finished", "37 việc"),
        ("finished", "hơn 86 tỷ đồng"),
    ]
    # "Chỉ số … tăng từ 76% lên 90%" is an index of the province, not a THADS rate.
    assert {c.figure.text for c in claims if not c.is_read} >= {"76%", "90%"}
    assert {c.period for c in claims} == {ReportingPeriod(2021, 12)}


def test_seed_004_long_an_6_months_2022() -> None:
    claims = _claims("004")
    read = _read(claims)
    for expected in [
        ("completion_rate", "cases", "50,75%"),
        ("gap_to_target", "cases", "vượt 1,55%"),
        ("completion_rate", "money", "23,8%"),
        ("gap_to_target", "money", "vượt 1,6%"),
        ("carried_forward_with_conditions", "cases", "5.409"),
        ("carried_forward", "cases", "12.345 việc"),
        ("carried_forward_with_conditions", "money", "1.719 tỷ"),
        ("carried_forward", "money", "6.112 tỷ"),
        ("remaining", "cases", "30,75%"),
        ("remaining", "money", "16,27%"),
        ("target", "cases", "81,5%"),
        ("target", "money", "40,1%"),
    ]:
        assert expected in read, expected
    gap = next(c for c in claims if c.figure.text == "vượt 1,55%")
    assert gap.basis == "national"  # "so với chỉ tiêu bình quân chung toàn quốc"
    assert {c.unit for c in claims} == {"Long An"}
    plan = next(c for c in claims if c.figure.text == "trên 75 %")
    assert not plan.is_read  # "phấn đấu đạt … trên 75 %/80,1%": a plan, not a result


def test_seed_001_and_003() -> None:
    hanoi = _claims("001")
    assert _read(hanoi)[:2] == [
        ("completion_rate", "cases", "80%"),
        ("completion_rate", "money", "34,5%"),
    ]
    reduction = [c for c in hanoi if c.quantity == "change_relative"]
    assert [(c.ledger, c.subject, c.figure.direction) for c in reduction] == [
        ("cases", "carried_forward", -1),
        ("money", "carried_forward", -1),
    ]  # "giảm 8,5% số việc và giảm 3,6% số tiền chuyển kỳ sau"
    ministry = _claims("003")
    assert [(c.quantity, c.ledger, c.subject) for c in ministry] == [
        ("change", "cases", "completion_rate"),
        ("change", "money", "completion_rate"),
    ]
    assert {c.unit for c in ministry} == {"toàn quốc"}


def _implied_targets(claims: list[Claim]) -> dict[str | None, Interval]:
    return {
        f.ledger: f.interval
        for f in audit(claims)
        if f.kind == "implied" and f.quantity == "target" and f.interval is not None
    }


def test_implied_targets_of_the_seeds() -> None:
    # 000: 80,9% + 1,6% thiếu → 82,5% (DOMAIN §4a); 43% − 2,5% vượt → 40,5%.
    seed_000 = _implied_targets(_claims("000"))
    assert seed_000["cases"].contains(Fraction("82.5"))
    assert seed_000["cases"].text() == "[82,4; 82,6]"
    assert seed_000["money"].contains(Fraction("40.5"))
    # 002: hơn 84% − vượt gần 4% → between 80% and 82%.
    seed_002 = _implied_targets(_claims("002"))
    assert seed_002["cases"].text() == "[80; 82]"
    # 004: 50,75% + 30,75% còn phải phấn đấu = 81,5%, the stated target.
    seed_004 = _implied_targets(_claims("004"))
    assert seed_004["cases"].contains(Fraction("81.5"))
    assert seed_004["money"].contains(Fraction("40.1"))
    consistent = [f for f in audit(_claims("004")) if f.rule == "stated target vs implied"]
    assert [f.kind for f in consistent] == ["consistent", "consistent"]


def test_the_two_vinh_phuc_articles_contradict_each_other() -> None:
    findings = audit(_claims("000") + _claims("002"))
    across = [f for f in findings if f.rule == "one target per unit and year"]
    assert [(f.kind, f.ledger) for f in across] == [
        ("contradiction", "cases"),
        ("consistent", "money"),
    ]
    assert "không thể cùng đúng" in across[0].vi
    assert "cannot both hold" in across[0].en


def test_implied_base_and_third_bucket() -> None:
    text = (
        "Năm 2022, tổng số phải thi hành là 861.529 việc, trong đó có điều kiện thi hành "
        "653.719 việc, chưa có điều kiện 195.675 việc. Đã thi hành xong 539.290 việc, đạt tỷ "
        "lệ 82,50%."
    )
    findings = audit(read_report(text, unit="toàn quốc"))
    stayed = next(f for f in findings if f.quantity == "stayed")
    assert stayed.kind == "implied"
    assert stayed.interval == Interval.of(12_135)  # the "hoãn, tạm đình chỉ" bucket
    rate = next(f for f in findings if f.rule.startswith("completion_rate"))
    assert rate.kind == "consistent"


def test_cumulative_periods_must_not_go_backwards() -> None:
    first = read_report("6 tháng năm 2021: đã thi hành xong 5.000 việc.", unit="A")
    later = read_report("9 tháng năm 2021: đã thi hành xong 4.000 việc.", unit="A")
    findings = [f for f in audit(first + later) if f.kind == "contradiction"]
    assert [f.rule for f in findings] == ["cumulative flows never decrease"]


def test_vocabulary_and_arguments() -> None:
    assert {"to_enforce", "with_conditions", "stayed", "completion_rate", "unread"} <= set(
        QUANTITIES
    )
    with pytest.raises(ParseError) as info:
        read_report(None)  # type: ignore[arg-type]
    assert info.value.code == "parse.type"
    with pytest.raises(ParseError):
        audit([1])  # type: ignore[list-item]
    assert read_report("") == []
    assert audit([]) == []


def test_cli_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = (SEEDS / _seed(p)[0] for p in ("000", "002"))
    assert main(["check", str(a)]) == 0
    out = capsys.readouterr().out
    assert "'còn thiếu 1,6%': vượt / còn thiếu so với chỉ tiêu (về việc)" in out
    assert "[implied] chỉ tiêu suy ra về việc: [82,4; 82,6]%" in out
    assert main(["check", str(a), str(b), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["contradictions"] == 1
    assert any(c["text"] == "hơn 84%" for c in data["claims"])
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe")
    assert main(["check", str(bad)]) == 2
    assert "not UTF-8" in capsys.readouterr().err
    assert main(["check", str(a), "--language", "en"]) == 0
    assert "implied target (cases): [82,4; 82,6]%" in capsys.readouterr().out


def test_interval_arithmetic() -> None:
    a = Interval(Fraction(1), Fraction(2))
    b = Interval(Fraction(10), Fraction(20))
    assert (b - a).text() == "[8; 19]"
    ratio = a.ratio(b)
    assert ratio is not None
    assert ratio.text() == "[5; 20]"
    assert Interval.of(Decimal("80.9")).contains(Fraction("80.9"))


# --------------------------------------------------------------------------- published reports

NATIONAL_2022 = (  # danchuphapluat.vn, "Công tác thi hành án dân sự năm 2022 …"
    "Năm 2022, số việc thụ lý mới là 547.121 việc; số việc năm 2021 chuyển sang là 349.412 "
    "việc. Tổng số việc phải thi hành là 861.529 việc. Trong đó, số việc có điều kiện thi hành "
    "là 653.719 việc (chiếm tỷ lệ 75,88%); hoãn, tạm đình chỉ là 12.135 việc (chiếm tỷ lệ "
    "1,41%). Số việc đã thi hành xong là 539.290 việc, đạt tỷ lệ 82,50%."
)
HCM_2019 = (  # plo.vn, TP.HCM 6 tháng 2019
    "6 tháng năm 2019, Cục THADS TP.HCM có tổng số thụ lý là 79.177 việc (trong đó đã ủy "
    "thác 580 việc). Có 54.681 việc có điều kiện giải quyết và 23.912 việc chưa có điều kiện "
    "giải quyết. Đã giải quyết xong 26.515 việc (tỉ lệ 48,49%), vượt tiến độ 11,99%."
)
GIA_LAI_2022 = (  # baogialai.com.vn, 2022
    "Năm 2022, Cục THADS tỉnh Gia Lai: Tổng số việc phải thi hành là 18.819 việc, trong đó, "
    "số có điều kiện thi hành là 13.409 việc (chiếm 71,25%), số chưa có điều kiện là 5.255 "
    "việc (chiếm 27,92%), số hoãn và tạm đình chỉ chiếm 0,83%. Số thi hành xong là 11.072 "
    "việc, đạt tỷ lệ 82,57%."
)
BAO_LOC_2021 = (  # baolamdong.vn
    "Năm 2021, án thu cho ngân sách Nhà nước có 1.708 vụ việc, trong đó có 1.191 vụ việc đủ "
    "điều kiện thi hành, giải quyết xong 1.054 vụ việc, đạt tỷ lệ 88,5%."
)


def _kinds(text: str, **options: object) -> dict[str, str]:
    return {f.rule: f.kind for f in audit(read_report(text, **options))}  # type: ignore[arg-type]


def test_national_2022_with_the_third_bucket() -> None:
    claims = read_report(NATIONAL_2022, unit="toàn quốc")
    assert _read(claims) == [
        ("newly_accepted", "cases", "547.121 việc"),
        ("carried_over", "cases", "349.412 việc"),
        ("to_enforce", "cases", "861.529 việc"),
        ("with_conditions", "cases", "653.719 việc"),
        ("conditions_share", "cases", "75,88%"),
        ("stayed", "cases", "12.135 việc"),
        ("conditions_share", "cases", "1,41%"),
        ("finished", "cases", "539.290 việc"),
        ("completion_rate", "cases", "82,50%"),
    ]
    assert [c.subject for c in claims if c.quantity == "conditions_share"] == [
        "with_conditions",
        "stayed",
    ]
    assert {c.period for c in claims} == {ReportingPeriod(2022, 12)}  # not "năm 2021 chuyển sang"
    kinds = {(f.rule, f.kind) for f in audit(claims)}
    assert ("completion_rate = finished ÷ with_conditions", "consistent") in kinds
    assert ("conditions_share = stayed ÷ to_enforce", "consistent") in kinds


def test_tp_hcm_2019_rows_named_after_the_count() -> None:
    claims = read_report(HCM_2019)
    assert ("with_conditions", "cases", "54.681 việc") in _read(claims)
    assert ("without_conditions", "cases", "23.912 việc") in _read(claims)
    assert ("entrusted", "cases", "580 việc") in _read(claims)
    assert {c.unit for c in claims} == {"TP. Hồ Chí Minh"}
    findings = audit(claims)
    assert [f.kind for f in findings if f.rule.startswith("completion_rate")] == ["consistent"]
    implied = next(f for f in findings if f.rule == "target from pace")
    assert implied.interval is not None
    assert implied.interval.contains(Fraction(73))  # TP.HCM's 2019 target (DOMAIN §4)


def test_gia_lai_2022_a_share_forced_to_add_up() -> None:
    """155 việc of 18.819 are 0,82%: the printed 0,83% cannot come from the other figures."""
    findings = audit(read_report(GIA_LAI_2022))
    stayed = [f for f in findings if f.quantity == "stayed"]
    assert ("implied", Interval.of(155)) in [(f.kind, f.interval) for f in stayed]
    assert any(f.kind == "contradiction" and f.rule == "stayed ÷ to_enforce" for f in stayed)


def test_bao_loc_state_budget_breakdown() -> None:
    claims = read_report(BAO_LOC_2021, unit="Bảo Lộc")
    assert {c.category for c in claims} == {"state_budget"}
    assert ("with_conditions", "cases", "1.191 vụ việc") in _read(claims)
    assert (
        _kinds(BAO_LOC_2021, unit="Bảo Lộc")["completion_rate = finished ÷ with_conditions"]
        == "consistent"
    )


def test_cli_check_reads_calendar_quarters_when_told(capsys: pytest.CaptureFixture[str]) -> None:
    # Seed 003 (the ministry's work plan) names "Quý III/2020", July–September 2020 of the
    # calendar year: Quý IV of the enforcement year 2020 (DOMAIN §1).
    seed = str(SEEDS / _seed("003")[0])
    assert main(["check", seed, "--format", "json"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert main(["check", seed, "--calendar-quarters", "--format", "json"]) == 0
    calendar = json.loads(capsys.readouterr().out)
    assert {c["period"] for c in plain["claims"]} == {"Quý III/2020"}
    assert {c["period"] for c in calendar["claims"]} == {"Quý IV/2020"}
    assert main(["check", seed, "--calendar-quarters", "--period", "Quý III/2020"]) == 0
    assert "Quý IV/2020" in capsys.readouterr().out
