"""Analyses on the model: arms of drugs and perturbations, scenarios and their validation report.

Examples
--------
>>> from soraresist import analysis
>>> analysis.Perturbation("HIF-2α", "knockout").nodes()
['EPAS1']
"""

from soraresist.analysis._arms import (
    PARTIAL_TYPES,
    PERTURBATION_TYPES,
    READOUT_TIME,
    UNTREATED,
    Arm,
    Perturbation,
    arm_conditions,
    arm_name,
    simulate_arms,
    simulate_time_courses,
)
from soraresist.analysis._plots import (
    plot_response_surface,
    plot_synergy_heatmap,
    plot_time_courses,
)
from soraresist.analysis._readouts import (
    EFFECT_THRESHOLD,
    call_is_borderline,
    called_direction,
    readout_nodes,
    readout_time_courses,
)
from soraresist.analysis._report import (
    FAILURE_CAUSES,
    failure_cause,
    failure_reason,
    family_summary,
    write_report,
)
from soraresist.analysis._scenarios import (
    COMPARES,
    DEFAULT_SAMPLES,
    EXPECTS,
    RESULT_COLUMNS,
    STATUSES,
    Scenario,
    load_scenarios,
    review_scenario_file,
    review_scenarios,
    run_scenarios,
    scenario_arms,
)
from soraresist.analysis._screen import (
    DEFAULT_DOSES,
    SUMMARY_READOUTS,
    ScreenResult,
    load_screen,
    screen,
    screen_drugs,
)
from soraresist.analysis._synergy import (
    SYNERGY_THRESHOLD,
    backbone_gain,
    mechanism,
    synergy,
    synergy_summary,
)

__all__ = [
    "COMPARES",
    "DEFAULT_DOSES",
    "DEFAULT_SAMPLES",
    "EFFECT_THRESHOLD",
    "EXPECTS",
    "FAILURE_CAUSES",
    "PARTIAL_TYPES",
    "PERTURBATION_TYPES",
    "READOUT_TIME",
    "RESULT_COLUMNS",
    "STATUSES",
    "SUMMARY_READOUTS",
    "SYNERGY_THRESHOLD",
    "UNTREATED",
    "Arm",
    "Perturbation",
    "Scenario",
    "ScreenResult",
    "arm_conditions",
    "arm_name",
    "backbone_gain",
    "call_is_borderline",
    "called_direction",
    "failure_cause",
    "failure_reason",
    "family_summary",
    "load_scenarios",
    "load_screen",
    "mechanism",
    "plot_response_surface",
    "plot_synergy_heatmap",
    "plot_time_courses",
    "readout_nodes",
    "readout_time_courses",
    "review_scenario_file",
    "review_scenarios",
    "run_scenarios",
    "scenario_arms",
    "screen",
    "screen_drugs",
    "simulate_arms",
    "simulate_time_courses",
    "synergy",
    "synergy_summary",
    "write_report",
]
