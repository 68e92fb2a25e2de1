"""Stage 4: the one filter that every view uses (the explorer's widgets and the report
notebooks' papermill parameters go through the same tested function).

:func:`filter_statements` selects statements; :func:`filter_implementation` selects the
implementation layer with the same party, group and date parameters (shared code below)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .load import Dataset, parse_date
from .vocab import ATTRIBUTIONS, GSI_TIES, IMPLEMENTATION_KINDS, IMPLEMENTATION_STATUS, INITIATIVES

GROUP_SHORTCUTS = {
    "SCO members": "SCO:member",
    "Central Asia": "subregion:Central Asia",
    "Africa": "region:Africa",
    "Americas": "region:Americas",
    "Asia": "region:Asia",
    "Europe": "region:Europe",
    "Oceania": "region:Oceania",
    "Pacific Islands": "subregion:Melanesia|Micronesia|Polynesia",
    "Organizations": "region:Organizations",
}


class ParameterError(ValueError):
    """A filter or report parameter that names nothing in the data."""


def expand_groups(ds: Dataset, groups: Iterable[str]) -> set[str]:
    """Party codes for group shortcuts ("SCO members", "Central Asia", "Africa", ...)."""
    out: set[str] = set()
    for g in groups:
        spec = GROUP_SHORTCUTS.get(g)
        if spec is None:
            raise ParameterError(f"unknown group {g!r}; known: {', '.join(GROUP_SHORTCUTS)}")
        kind, _, value = spec.partition(":")
        if kind == "region":
            out |= set(ds.parties.loc[ds.parties["region"] == value, "party"])
        elif kind == "subregion":
            out |= set(ds.parties.loc[ds.parties["subregion"].isin(value.split("|")), "party"])
        else:
            m = ds.memberships
            out |= set(m.loc[(m["group"] == kind) & (m["role"] == value), "party"])
    return out


def check_params(ds: Dataset, countries=None, initiatives=None, start=None, end=None,
                 attributions=None, min_level=None) -> None:
    """Raise :class:`ParameterError` with a clear message for any parameter that cannot work."""
    known = set(ds.parties["party"])
    bad = [c for c in (countries or []) if c not in known]
    if bad:
        raise ParameterError(f"unknown country or organization code(s) {bad}; use ISO 3166-1 alpha-3 codes "
                             f"(e.g. KAZ) or organization codes listed in data/parties.csv")
    bad = [i for i in (initiatives or []) if i not in INITIATIVES]
    if bad:
        raise ParameterError(f"unknown initiative(s) {bad}; expected some of {', '.join(INITIATIVES)}")
    bad = [a for a in (attributions or []) if a not in ATTRIBUTIONS]
    if bad:
        raise ParameterError(f"unknown attribution(s) {bad}; expected some of {', '.join(ATTRIBUTIONS)}")
    dates = {}
    for label, value in (("start", start), ("end", end)):
        if value:
            try:
                dates[label] = parse_date(str(value))[0]
            except ValueError as e:
                raise ParameterError(f"{label}: {e}") from None
    if "start" in dates and "end" in dates and dates["end"] < dates["start"]:
        raise ParameterError(f"end {end} is before start {start}")
    if min_level is not None and not -1 <= int(min_level) <= 4:
        raise ParameterError(f"min_level {min_level} is outside -1..4")


def filter_statements(ds: Dataset, countries=None, initiatives=None, start=None, end=None,
                      event_types=None, min_level=None, attributions=None, groups=None,
                      findings=("stated",), view: pd.DataFrame | None = None) -> pd.DataFrame:
    """Statements (joined with event, source and party) that match every given filter.

    ``None`` or an empty list means "no filter". Dates are ISO strings of any precision;
    a statement is kept when its date's first possible day lies in [start, end].
    """
    countries = list(countries or [])
    check_params(ds, countries, initiatives, start, end, attributions, min_level)
    frame = ds.statement_view() if view is None else view
    mask = _common_mask(ds, frame, countries, groups, start, end) & \
        _one_of(frame, initiative=initiatives, event_type=event_types, attribution=attributions, finding=findings)
    if min_level is not None:
        mask &= frame["level_final"].fillna(-9) >= int(min_level)
    return frame[mask].sort_values(["date_start", "statement_id"]).reset_index(drop=True)


def _common_mask(ds: Dataset, frame: pd.DataFrame, countries, groups, start, end) -> pd.Series:
    """Parties (codes and group shortcuts) and the date window, for either layer."""
    mask = pd.Series(True, index=frame.index)
    if countries or groups:
        wanted = set(countries or []) | (expand_groups(ds, groups) if groups else set())
        mask &= frame["party"].isin(wanted)
    if start:
        mask &= (frame["date_start"] >= pd.Timestamp(parse_date(str(start))[0])).fillna(False)
    if end:
        mask &= (frame["date_start"] <= pd.Timestamp(parse_date(str(end))[0])).fillna(False)
    return mask


def _one_of(frame: pd.DataFrame, **wanted) -> pd.Series:
    """Rows whose value in each named column is one of the given values (``None`` or an
    empty list: no condition on that column)."""
    mask = pd.Series(True, index=frame.index)
    for column, values in wanted.items():
        if values:
            mask &= frame[column].isin(list(values))
    return mask


def filter_implementation(ds: Dataset, countries=None, kinds=None, statuses=None, gsi_tie=None,
                          start=None, end=None, groups=None, view: pd.DataFrame | None = None) -> pd.DataFrame:
    """Implementation rows (one per named party, see ``Dataset.implementation_view``) matching
    every filter. Party and date filters work as in :func:`filter_statements`; a row whose
    date is unknown is dropped by any date filter. Rows naming no party are dropped by any
    party filter."""
    check_params(ds, countries, None, start, end)
    for label, values, known in (("kind", kinds, IMPLEMENTATION_KINDS), ("status", statuses, IMPLEMENTATION_STATUS),
                                 ("gsi_tie", gsi_tie, GSI_TIES)):
        bad = [v for v in (values or []) if v not in known]
        if bad:
            raise ParameterError(f"unknown {label}(s) {bad}; expected some of {', '.join(known)}")
    frame = ds.implementation_view() if view is None else view
    mask = _common_mask(ds, frame, countries, groups, start, end) & \
        _one_of(frame, kind=kinds, status=statuses, gsi_tie=gsi_tie)
    return frame[mask].sort_values(["date_start", "impl_id"], na_position="last").reset_index(drop=True)
