"""Analyses on the model: arms of drugs and perturbations, scenarios, screens.

Examples
--------
>>> from soraresist import analysis
>>> analysis.Perturbation("HIF-2α", "knockout").nodes()
['EPAS1']
"""

from soraresist.analysis._arms import (
    PERTURBATION_TYPES,
    READOUT_TIME,
    Arm,
    Perturbation,
    arm_conditions,
    simulate_arms,
)

__all__ = [
    "PERTURBATION_TYPES",
    "READOUT_TIME",
    "Arm",
    "Perturbation",
    "arm_conditions",
    "simulate_arms",
]
