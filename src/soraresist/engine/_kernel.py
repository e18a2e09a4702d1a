"""Numba kernels: Gillespie trajectories of the asynchronous Boolean Markov process.

Everything here works on the flat arrays of `_compile`. Each trajectory has its own random
stream, derived from (seed, condition key, trajectory index) with splitmix64, so its numbers do
not depend on which thread runs it. Statistics are streamed into per-chunk accumulators whose
number is fixed by the caller, so memory does not grow with the number of trajectories and
the sums are added in the same order whatever the number of threads.
"""

from __future__ import annotations

import numba as nb
import numpy as np

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_TO_UNIT = 1.0 / 9007199254740992.0  # 2**-53

# Rule bytecode operators (``_compile`` emits them): kept here, not in ``_compile``, because
# numba's cache=True only notices changes to this file.
OP_NOT, OP_AND, OP_OR, OP_FALSE, OP_TRUE = -1, -2, -3, -4, -5


@nb.njit(cache=True, inline="always")
def mix64(z: np.uint64) -> np.uint64:
    """splitmix64 finaliser: a bijective scramble of 64 bits."""
    z = (z ^ (z >> np.uint64(30))) * _MIX1
    z = (z ^ (z >> np.uint64(27))) * _MIX2
    return z ^ (z >> np.uint64(31))


@nb.njit(cache=True, inline="always")
def _uniform(s: np.uint64) -> tuple[np.uint64, float]:
    """Next splitmix64 state and a uniform draw in [0, 1)."""
    s = s + _GOLDEN
    return s, float(mix64(s) >> np.uint64(11)) * _TO_UNIT


@nb.njit(cache=True, inline="always")
def _rule(node, code, code_start, state, stack) -> bool:
    top = 0
    for pc in range(code_start[node], code_start[node + 1]):
        op = code[pc]
        if op >= 0:
            stack[top] = state[op]
            top += 1
        elif op == OP_NOT:
            stack[top - 1] ^= 1
        elif op == OP_AND:
            top -= 1
            stack[top - 1] &= stack[top]
        elif op == OP_OR:
            top -= 1
            stack[top - 1] |= stack[top]
        else:
            stack[top] = 1 if op == OP_TRUE else 0
            top += 1
    return stack[0] == 1


@nb.njit(cache=True, inline="always")
def _rate(node, code, code_start, state, stack, up, down) -> float:
    holds = _rule(node, code, code_start, state, stack)
    if state[node] == 0:
        return up[node] if holds else 0.0
    return 0.0 if holds else down[node]


@nb.njit(cache=True, parallel=True)
def run_chunks(code, code_start, dependents, dep_start, stack_size, rate_up, rate_down,
               initial, cond_keys, seed, n_traj, n_chunks, max_time, tick, out_bit,
               win_sum, win_sumsq, final_on, state_time, state_final):
    """Simulate ``n_traj`` trajectories of each condition, accumulating per chunk.

    Parameters
    ----------
    rate_up, rate_down, initial
        (conditions, nodes) arrays.
    cond_keys
        uint64 key per condition, mixed into each trajectory's seed.
    out_bit
        int64 per node: its bit in the output-state code (0 if not an output node).
    win_sum, win_sumsq
        (conditions * n_chunks, windows, nodes): sums of per-trajectory window fractions on
        and of their squares.
    final_on
        (conditions * n_chunks, nodes): trajectories with the node on at ``max_time``.
    state_time, state_final
        (conditions * n_chunks, windows, states) summed window fractions spent in each output
        state; (conditions * n_chunks, states) counts of output states at ``max_time``.
    """
    n = code_start.shape[0] - 1
    n_windows = win_sum.shape[1]
    for task in nb.prange(rate_up.shape[0] * n_chunks):
        c = task // n_chunks
        chunk = task % n_chunks
        up, down, p0 = rate_up[c], rate_down[c], initial[c]
        state = np.empty(n, np.uint8)
        rates = np.empty(n, np.float64)
        active = np.empty(n, np.int64)
        where = np.empty(n, np.int64)
        last = np.empty(n, np.float64)
        on_time = np.empty(n, np.float64)
        stack = np.empty(stack_size, np.uint8)
        for traj in range(chunk * n_traj // n_chunks, (chunk + 1) * n_traj // n_chunks):
            s = mix64(mix64(seed ^ cond_keys[c]) + np.uint64(traj))
            code_out = 0
            for i in range(n):
                s, u = _uniform(s)
                state[i] = 1 if u < p0[i] else 0
                if state[i] == 1:
                    code_out |= out_bit[i]
                last[i] = 0.0
                on_time[i] = 0.0
            n_active = 0
            for i in range(n):
                rates[i] = _rate(i, code, code_start, state, stack, up, down)
                where[i] = -1
                if rates[i] > 0.0:
                    where[i] = n_active
                    active[n_active] = i
                    n_active += 1
            t = 0.0
            out_since = 0.0
            k = 0
            w_start = 0.0
            w_end = min(tick, max_time)
            while True:
                total = 0.0
                for a in range(n_active):
                    total += rates[active[a]]
                t_next = np.inf
                if total > 0.0:
                    s, u = _uniform(s)
                    t_next = t - np.log1p(-u) / total
                while k < n_windows and w_end <= t_next:
                    length = w_end - w_start
                    for i in range(n):
                        if state[i] == 1:
                            on_time[i] += w_end - last[i]
                        last[i] = w_end
                        f = on_time[i] / length
                        win_sum[task, k, i] += f
                        win_sumsq[task, k, i] += f * f
                        on_time[i] = 0.0
                    state_time[task, k, code_out] += (w_end - out_since) / length
                    out_since = w_end
                    k += 1
                    w_start = w_end
                    w_end = min((k + 1) * tick, max_time)
                if t_next >= max_time:
                    break
                t = t_next
                s, u = _uniform(s)
                target = u * total
                j = active[n_active - 1]
                acc = 0.0
                for a in range(n_active):
                    acc += rates[active[a]]
                    if target < acc:
                        j = active[a]
                        break
                if state[j] == 1:
                    on_time[j] += t - last[j]
                last[j] = t
                state[j] ^= 1
                if out_bit[j] != 0:
                    state_time[task, k, code_out] += (t - out_since) / (w_end - w_start)
                    out_since = t
                    code_out ^= out_bit[j]
                for d in range(dep_start[j], dep_start[j + 1]):
                    i = dependents[d]
                    r = _rate(i, code, code_start, state, stack, up, down)
                    rates[i] = r
                    if r > 0.0 and where[i] < 0:
                        where[i] = n_active
                        active[n_active] = i
                        n_active += 1
                    elif r == 0.0 and where[i] >= 0:
                        n_active -= 1
                        moved = active[n_active]
                        active[where[i]] = moved
                        where[moved] = where[i]
                        where[i] = -1
            for i in range(n):
                final_on[task, i] += state[i]
            state_final[task, code_out] += 1
