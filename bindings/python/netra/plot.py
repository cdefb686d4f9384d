"""Figures for people who look rather than read (matplotlib).

    import netra, netra.plot
    fig = netra.plot.signing_curve(registry, "2024-09-02", "2024-11-27")   # per agency over time
    fig = netra.plot.unit_progress(registry, "2024-10-01", top=25)          # where signing lags
    fig = netra.plot.levels_by_norm_and_month(reports, answers)             # what the law gives, when
    fig.savefig("pacts.png", dpi=100)

Each function returns a ``matplotlib.figure.Figure`` made without pyplot's
global state (no window opens, nothing is shown): save it, or show it in a
notebook by leaving it as a cell's value. The counts are netra's own
(``PactRegistry.progress_frame``, ``evaluate_frame``); the figures only draw
them. A title says SYNTHETIC when ``synthetic=True`` (the default for data
from ``netra.synth_*``: label figures of made-up data as such).
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

import pandas as pd

from netra._convert import check_int
from netra.errors import InvalidArgumentError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from netra.pacts import PactRegistry

__all__ = ["signing_curve", "unit_progress", "levels_by_norm_and_month"]

# Signed on time, signed late, not signed; and the levels, light to heavy.
_PACT_COLOURS = ("#2a9d8f", "#e9c46a", "#e76f51")
_LEVEL_COLOURS = {"RINGAN": "#8ecae6", "SEDANG": "#ffb703", "BERAT": "#d62828"}


def _figure(width: float, height: float) -> "Figure":
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height))


def _title(text: str, synthetic: bool) -> str:
    return f"SYNTHETIC data: {text}" if synthetic else text


def _date(value: _dt.date | str, name: str) -> pd.Timestamp:
    try:
        return pd.Timestamp(value)
    except (TypeError, ValueError) as e:
        raise InvalidArgumentError(f"{name}: {value!r} is not a date (YYYY-MM-DD)") from e


def signing_curve(registry: "PactRegistry", start: _dt.date | str, end: _dt.date | str, *, by: str = "agency",
                  step_days: int = 3, synthetic: bool = True) -> "Figure":
    """Signed on time, signed late and not signed over the days from
    ``start`` to ``end`` (every ``step_days``), one panel per ``by`` group
    ("agency" or "unit"), with the due date dashed."""
    first, last = _date(start, "start"), _date(end, "end")
    if last < first:
        raise InvalidArgumentError(f"end: {last.date()} is before start {first.date()}")
    step = check_int(step_days, "step_days")
    if step < 1:
        raise InvalidArgumentError(f"step_days: {step} is not a positive number of days")
    dates = pd.date_range(first, last, freq=f"{step}D")
    curve = pd.concat([registry.progress_frame(d.date(), by=by).assign(date=d) for d in dates], ignore_index=True)
    groups = list(curve.groupby(by, observed=True))
    cols = min(3, max(1, len(groups)))
    rows = max(1, (len(groups) + cols - 1) // cols)
    fig = _figure(4.4 * cols, 3.2 * rows)
    axes = fig.subplots(rows, cols, sharex=True, squeeze=False)
    for ax, (name, g) in zip(axes.flat, groups):
        ax.stackplot(g["date"], g["signed_on_time"], g["signed_late"], g["not_signed"],
                     labels=["signed on time", "signed late", "not signed"], colors=_PACT_COLOURS)
        ax.axvline(pd.Timestamp(registry.due), color="black", linewidth=1, linestyle="--")
        ax.set_title(str(name).replace("Pemerintah ", ""), fontsize=9)
        ax.tick_params(labelsize=7)
    for ax in axes.flat[len(groups):]:
        ax.axis("off")
    axes.flat[0].legend(loc="upper left", fontsize=7)
    fig.suptitle(_title(f"integrity pacts of {registry.election} per {by} (dashed: due {registry.due})", synthetic))
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


def unit_progress(registry: "PactRegistry", as_of: _dt.date | str, *, top: int = 20,
                  synthetic: bool = True) -> "Figure":
    """The ``top`` units with the most pacts not signed on ``as_of``, each a
    bar of signed on time, signed late and not signed."""
    n = check_int(top, "top")
    if n < 1:
        raise InvalidArgumentError(f"top: {n} is not a positive number of units")
    day = _date(as_of, "as_of")
    frame = registry.progress_frame(day.date(), by=["agency", "unit"])
    frame = frame[frame["issued"] > 0].sort_values(["not_signed", "issued"], ascending=False).head(n).iloc[::-1]
    labels = [f"{u} ({str(a).replace('Pemerintah ', '')})" for a, u in zip(frame["agency"], frame["unit"])]
    fig = _figure(10, 0.6 + 0.32 * max(1, len(frame)))
    ax = fig.subplots()
    left = pd.Series(0, index=frame.index)
    for column, colour, label in zip(("signed_on_time", "signed_late", "not_signed"), _PACT_COLOURS,
                                     ("signed on time", "signed late", "not signed")):
        ax.barh(labels, frame[column], left=left, color=colour, label=label)
        left = left + frame[column]
    ax.tick_params(labelsize=7)
    ax.set_xlabel("pacts issued")
    ax.legend(loc="lower right", fontsize=7)
    ax.set_title(_title(f"{registry.election} on {day.date()}: units with the most pacts not signed", synthetic),
                 fontsize=10)
    fig.tight_layout()
    return fig


def levels_by_norm_and_month(reports: pd.DataFrame, answers: pd.DataFrame, *, top: int = 6,
                             synthetic: bool = True) -> "Figure":
    """How many acts the law puts at each level (ringan, sedang, berat) per
    month of the act, one panel per norm (the ``top`` norms with most acts).
    ``reports`` has the columns norm and act_date (as ``synth_reports`` or
    the frame given to ``evaluate_frame``), ``answers`` the level column
    ``evaluate_frame`` returns, row for row; acts without a level are left
    out (a moral sanction, no statutory mapping, missing facts)."""
    for name, frame, column in (("reports", reports, "norm"), ("reports", reports, "act_date"),
                                ("answers", answers, "level")):
        if column not in frame.columns:
            raise InvalidArgumentError(f"{name}: no column {column!r}")
    if len(reports) != len(answers):
        raise InvalidArgumentError(f"answers: {len(answers)} rows for {len(reports)} reports")
    n = check_int(top, "top")
    if n < 1:
        raise InvalidArgumentError(f"top: {n} is not a positive number of norms")
    data = pd.DataFrame({"norm": reports["norm"].astype(str).to_numpy(),
                         "month": pd.to_datetime(reports["act_date"]).dt.to_period("M").to_numpy(),
                         "level": answers["level"].astype(object).to_numpy()})
    data = data[data["level"].isin(list(_LEVEL_COLOURS))]
    norms = data["norm"].value_counts().head(n).index.tolist()
    cols = min(2, max(1, len(norms)))
    rows = max(1, (len(norms) + cols - 1) // cols)
    fig = _figure(6.5 * cols, 2.8 * rows)
    axes = fig.subplots(rows, cols, squeeze=False)
    for ax, norm in zip(axes.flat, norms):
        counts = (data[data["norm"] == norm].groupby(["month", "level"]).size().unstack(fill_value=0)
                  .reindex(columns=list(_LEVEL_COLOURS), fill_value=0).sort_index())
        bottom = pd.Series(0, index=counts.index)
        x = [str(p) for p in counts.index]
        for level, colour in _LEVEL_COLOURS.items():
            ax.bar(x, counts[level], bottom=bottom, color=colour, label=level.lower())
            bottom = bottom + counts[level]
        ax.set_title(norm, fontsize=9)
        ax.tick_params(labelsize=7, axis="both")
        ax.tick_params(axis="x", labelrotation=60)
    for ax in axes.flat[len(norms):]:
        ax.axis("off")
    axes.flat[0].legend(fontsize=7)
    fig.suptitle(_title("levels the law gives, by norm and month of the act", synthetic))
    fig.tight_layout()
    return fig
