"""netra.plot: each figure renders (to PNG, off screen) and draws netra's
counts."""

from __future__ import annotations

import io

import pytest

import netra
import netra.plot

matplotlib = pytest.importorskip("matplotlib")


@pytest.fixture(scope="module")
def registry() -> netra.PactRegistry:
    roster = netra.Roster.synthetic(3000, seed=4, agencies=3)
    reg = netra.PactRegistry(roster, "pilkada2024")
    reg.issue_all("2024-09-02")
    frame = roster.to_frame()
    for i, nip in enumerate(frame.loc[frame["kind"] != "NON_ASN", "nip"].head(1500)):
        reg.sign(nip, f"2024-09-{3 + i % 25:02d}")
    return reg


def png(fig) -> bytes:
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=50)
    return out.getvalue()


def test_the_signing_curve_has_a_panel_per_agency(registry) -> None:
    fig = netra.plot.signing_curve(registry, "2024-09-02", "2024-10-31", step_days=7)
    panels = [ax for ax in fig.axes if ax.axison]
    assert len(panels) == 3
    assert all(len(ax.collections) == 3 for ax in panels)  # on time, late, not signed
    assert fig._suptitle.get_text().startswith("SYNTHETIC data: integrity pacts of pilkada2024 per agency")
    assert png(fig).startswith(b"\x89PNG")


def test_unit_progress_draws_the_units_with_most_not_signed(registry) -> None:
    fig = netra.plot.unit_progress(registry, "2024-10-01", top=5)
    ax = fig.axes[0]
    assert len(ax.get_yticklabels()) == 5
    frame = registry.progress_frame("2024-10-01", by=["agency", "unit"])
    top = frame.sort_values(["not_signed", "issued"], ascending=False).head(5)
    # Three bars per unit (on time, late, not signed), end to end: the issued pacts.
    assert sum(p.get_width() for p in ax.patches) == top[["signed_on_time", "signed_late", "not_signed"]].sum().sum()
    assert sorted(p.get_width() for p in ax.patches[10:]) == sorted(top["not_signed"])
    assert png(fig).startswith(b"\x89PNG")


def test_levels_by_norm_and_month_stack_the_levels_the_law_gives() -> None:
    reports = netra.synth_reports(400, "pilkada2024", seed=3)
    answers = netra.evaluate_frame(reports)
    fig = netra.plot.levels_by_norm_and_month(reports, answers, top=4)
    panels = [ax for ax in fig.axes if ax.axison]
    levelled = reports.assign(level=answers["level"].astype(object))
    levelled = levelled[levelled["level"].isin(["RINGAN", "SEDANG", "BERAT"])]
    top = levelled["norm"].astype(str).value_counts().head(4).index
    assert len(panels) == len(top)
    assert sum(p.get_height() for ax in panels for p in ax.patches) == levelled["norm"].astype(str).isin(top).sum()
    assert png(fig).startswith(b"\x89PNG")


def test_bad_arguments_are_refused_naming_them(registry) -> None:
    with pytest.raises(netra.InvalidArgumentError, match="end: 2024-08-01 is before start 2024-09-02"):
        netra.plot.signing_curve(registry, "2024-09-02", "2024-08-01")
    with pytest.raises(netra.InvalidArgumentError, match="top: 0"):
        netra.plot.unit_progress(registry, "2024-10-01", top=0)
    with pytest.raises(netra.InvalidArgumentError, match="no column 'norm'"):
        netra.plot.levels_by_norm_and_month(netra.synth_reports(5, "pilkada2024")[["act_date"]], None)
