"""The instructor's check-in chart: practice days and baby's response across the course's weeks.

One PNG with two panels sharing the weeks: on top the average days practised (0 to 7) with how
many families answered; below, how the babies responded, as shares of that week's answers.
Drawn with matplotlib's object API on the Agg canvas: no display, no pyplot global state, so it
is safe to call from a worker thread while the bot keeps serving.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # never look for a display, whatever the environment says

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from domain.checkin_stats import RESPONSES, WeekStats

# Happiest response in a calm green, "not keen" in a soft red: readable for colour-blind eyes
# too, since the order (and the legend) carries the meaning as well as the hue.
_RESPONSE_COLOURS = ("#4c9f70", "#a3c972", "#f2c14e", "#e07a5f")
_DAYS_COLOUR = "#5b8db8"
_MUTED = "#777777"


@dataclass(frozen=True)
class ChartLabels:
    """Every word on the chart (from the message texts), so wording never touches drawing.

    `week` is formatted with {week}; `answered` with {answered} and {families}.
    `responses` follows domain.checkin_stats.RESPONSES.
    """

    title: str
    days_axis: str
    response_axis: str
    week: str
    answered: str
    responses: tuple[str, ...]
    no_answers: str


def render_course_chart(weeks: Sequence[WeekStats], labels: ChartLabels) -> bytes:
    """Draw the course chart for `weeks` (in order) and return it as PNG bytes."""
    if len(labels.responses) != len(RESPONSES):
        raise ValueError("one label per response is needed")
    fig = Figure(figsize=(8, 6), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(1, 1))
    fig.suptitle(labels.title, fontsize=14)
    positions = list(range(len(weeks)))
    ticks = [labels.week.format(week=w.week) for w in weeks]

    # Average days practised, with how many families answered written above each bar.
    means = [w.mean_days or 0.0 for w in weeks]
    top.bar(positions, means, color=_DAYS_COLOUR, width=0.6)
    for x, stats, mean in zip(positions, weeks, means, strict=True):
        if stats.mean_days is None:
            top.text(x, 0.2, labels.no_answers, ha="center", va="bottom", color=_MUTED, fontsize=9)
            continue
        answered = labels.answered.format(answered=stats.answered, families=stats.families)
        top.text(x, mean + 0.15, f"{mean:.1f}\n{answered}", ha="center", va="bottom", fontsize=9)
    top.set_ylim(0, 8.5)
    top.set_yticks(range(0, 8))
    top.set_ylabel(labels.days_axis)
    top.grid(axis="y", alpha=0.3)

    # Baby's response, as the share of that week's answers (weeks without answers stay empty).
    base = [0.0] * len(weeks)
    for index, (code, label) in enumerate(zip(RESPONSES, labels.responses, strict=True)):
        shares = []
        for stats in weeks:
            total = sum(stats.responses.values())
            shares.append(100.0 * stats.responses.get(code, 0) / total if total else 0.0)
        bottom.bar(
            positions,
            shares,
            bottom=base,
            color=_RESPONSE_COLOURS[index],
            width=0.6,
            label=label,
        )
        base = [b + s for b, s in zip(base, shares, strict=True)]
    bottom.set_ylim(0, 100)
    bottom.set_ylabel(labels.response_axis)
    bottom.yaxis.set_major_formatter("{x:.0f}%")
    bottom.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=len(RESPONSES))
    bottom.set_xticks(positions, ticks)
    bottom.set_xlim(-0.6, max(len(weeks), 4) - 0.4)

    out = io.BytesIO()
    # No "Software" stamp: the bytes depend only on the data and the labels.
    fig.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()
