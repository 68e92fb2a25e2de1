import pytest

from xiplomacy.filter import ParameterError, check_params, expand_groups, filter_statements


def test_filters_combine(ds):
    out = filter_statements(ds, countries=["KAZ"], initiatives=["GSI"], start="2022-01", end="2022-12-31")
    assert len(out) > 0
    assert set(out["party"]) == {"KAZ"} and set(out["initiative"]) == {"GSI"}
    assert out["date_start"].dt.year.eq(2022).all()
    assert (out["finding"] == "stated").all()


def test_min_level_and_attribution(ds):
    out = filter_statements(ds, min_level=3, attributions=["own voice"])
    assert (out["level_final"] >= 3).all() and set(out["attribution"]) == {"own voice"}


def test_groups_expand_from_reference_tables(ds):
    sco = expand_groups(ds, ["SCO members"])
    assert {"IND", "KAZ", "RUS", "PAK", "TJK", "UZB", "KGZ"} <= sco
    out = filter_statements(ds, groups=["Central Asia"])
    assert set(out["party"]) <= {"KAZ", "KGZ", "TJK", "TKM", "UZB"}


@pytest.mark.parametrize("kwargs,message", [
    ({"countries": ["XXX"]}, "unknown country"),
    ({"initiatives": ["GXI"]}, "unknown initiative"),
    ({"start": "2024-01", "end": "2023-01"}, "before start"),
    ({"start": "2022-13-01"}, "start"),
    ({"attributions": ["rumour"]}, "attribution"),
])
def test_bad_parameters_are_named(ds, kwargs, message):
    with pytest.raises(ParameterError, match=message):
        check_params(ds, **kwargs)


def test_explorer_views_follow_the_filter(ds):
    from xiplomacy.explore import export_csv, selection_views

    view = ds.statement_view()
    kaz = selection_views(ds, view, countries=["KAZ"], initiatives=["GSI"])
    npl = selection_views(ds, view, countries=["NPL"], initiatives=["GSI"])
    assert set(kaz["rows"]["party"]) == {"KAZ"} and set(npl["rows"]["party"]) == {"NPL"}
    assert kaz["map"].to_dict() != npl["map"].to_dict()
    text = export_csv(ds, kaz["rows"])
    assert text.startswith(f"# xiplomacy dataset {ds.version}") and "src-001/KAZ/GSI" in text
    assert selection_views(ds, view, countries=["KAZ"], start="2030")["summary"].startswith("no statements match")
