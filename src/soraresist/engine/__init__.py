"""The generic stochastic Boolean engine: MaBoSS-semantics simulation and attractors.

Knows nothing of any particular model: it takes a `soraresist.model.BooleanNetwork`.
"""

from soraresist.engine._attractors import fixed_points, trap_spaces
from soraresist.engine._compile import CompiledNetwork, compile_network
from soraresist.engine._simulate import Condition, SimulationResult, simulate

__all__ = [
    "CompiledNetwork",
    "Condition",
    "SimulationResult",
    "compile_network",
    "fixed_points",
    "simulate",
    "trap_spaces",
]
