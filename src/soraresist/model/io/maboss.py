"""MaBoSS ``.bnd`` + ``.cfg`` files: read, parse, generate, write.

Supported subset (anything else is refused with file, line and token): ``Node X { ... }``
blocks with ``logic``, ``rate_up = @logic ? R : 0`` and ``rate_down = @logic ? 0 : R`` (``R`` a
number or ``$param``; omitted rates are MaBoSS's defaults 1), constant rates of 0, and any other
attribute (ignored); in the cfg, ``$param = number;``, ``X.istate = 0|1;``,
``[X].istate = p1 [1], p0 [0];`` and joint ``[X, Y].istate`` forms that factorise into
independent nodes, ``X.is_internal``, and the run settings (``sample_count``, ``max_time``,
``time_tick``, ``seed_pseudorandom``, ``thread_count``; ``discrete_time`` must be 0). Other
settings and node attributes (``refstate``, ``use_physrandgen``, ``statdist_*``...) are ignored.
A node without ``logic`` is a free input, and so is one whose logic is itself; a node without
``istate`` starts on with probability 1/2.
"""

from __future__ import annotations

import itertools
import math
import os
import re
from dataclasses import dataclass

from soraresist.errors import RuleSyntaxError
from soraresist.model._expr import (
    Expr,
    Var,
    _position,
    format_expression,
    parse_expression,
    regulators,
)
from soraresist.model._network import BooleanNetwork

__all__ = ["MaBoSSSettings", "generate_maboss", "parse_maboss", "read_maboss", "write_maboss"]


@dataclass(frozen=True)
class MaBoSSSettings:
    """Run settings found in a cfg file; ``None`` where the file does not set them."""

    sample_count: int | None = None
    max_time: float | None = None
    time_tick: float | None = None
    seed: int | None = None
    thread_count: int | None = None


_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_NUMBER = r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)
_NODE = re.compile(rf"\s*(?P<kw>{_NAME})\s+(?P<name>{_NAME})\s*{{")
_ATTRIBUTE = re.compile(rf'\s*(?P<key>{_NAME})\s*=\s*(?P<value>(?:"[^"]*"|[^;"}}])*);')
_BLOCK_END = re.compile(r"\s*}")
_STATEMENT = re.compile(r'\s*(?P<lhs>[^=;]+?)\s*=\s*(?P<rhs>(?:"[^"]*"|[^;"])*);')
_RATE = re.compile(rf"\(?\s*@logic\s*\?\s*(?P<true>\$?{_NAME}|{_NUMBER})\s*:"
                   rf"\s*(?P<false>\$?{_NAME}|{_NUMBER})\s*\)?\s*\Z")
_WEIGHT = re.compile(rf"\s*(?P<w>\$?{_NAME}|{_NUMBER})\s*\[(?P<bits>[^\]]*)\]\s*(?:,|\Z)")
_SETTINGS = {"sample_count": int, "max_time": float, "time_tick": float,
             "seed_pseudorandom": int, "thread_count": int}


class _Text:
    """A file's text with comments blanked, and offsets turned into line and column."""

    def __init__(self, text: str, source: str):
        self.source = source
        self.text = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)

    def error(self, message: str, offset: int, token: str) -> RuleSyntaxError:
        line, column = _position(self.text, offset, 1, 1)
        return RuleSyntaxError(message, source=self.source, line=line, column=column,
                               token=token.strip()[:60])

    def error_at_next(self, message: str, pos: int) -> RuleSyntaxError:
        """An error at the first non-blank character from `pos`, quoting the rest of its line."""
        rest = self.text[pos:]
        start = pos + len(rest) - len(rest.lstrip())
        return self.error(message, start, self.text[start:].split("\n")[0])


def _number(text: str, params: dict[str, float], file: _Text, offset: int) -> float:
    text = text.strip()
    if text.startswith("$"):
        if text not in params:
            raise file.error("parameter not defined in the cfg", offset, text)
        return params[text]
    if text.lower() in ("true", "false"):
        return float(text.lower() == "true")
    if not re.fullmatch(_NUMBER, text):
        raise file.error("expected a number or a $parameter", offset, text)
    return float(text)


def _parse_cfg(file: _Text) -> tuple[dict[str, float], list[tuple[str, str, int]],
                                      MaBoSSSettings]:
    """Parameters, node statements (lhs, rhs, offset) and settings of a cfg."""
    params: dict[str, float] = {}
    statements: list[tuple[str, str, int]] = []
    pending: list[tuple[str, str, int]] = []
    pos = 0
    while file.text[pos:].strip():
        match = _STATEMENT.match(file.text, pos)
        if match is None:
            raise file.error_at_next("expected 'name = value;'", pos)
        lhs, rhs, offset = match.group("lhs"), match.group("rhs"), match.start("lhs")
        if lhs.startswith("$"):
            if not re.fullmatch(rf"\${_NAME}", lhs):
                raise file.error("bad parameter name", offset, lhs)
            params[lhs] = _number(rhs, params, file, match.start("rhs"))
        elif "." in lhs or lhs.startswith("["):
            statements.append((lhs, rhs, offset))
        else:
            pending.append((lhs, rhs, match.start("rhs")))
        pos = match.end()
    values = {}
    for key, rhs, offset in pending:
        if key == "discrete_time" and _number(rhs, params, file, offset) != 0:
            raise file.error("discrete_time = 1 is not supported (continuous time only)",
                             offset, rhs)
        if key in _SETTINGS:
            value = _number(rhs, params, file, offset)
            if _SETTINGS[key] is int and value != int(value):
                raise file.error(f"{key} must be an integer", offset, rhs)
            values[key] = _SETTINGS[key](value)
    settings = MaBoSSSettings(values.get("sample_count"), values.get("max_time"),
                              values.get("time_tick"), values.get("seed_pseudorandom"),
                              values.get("thread_count"))
    return params, statements, settings


def _rate(value: str, offset: int, params: dict[str, float], file: _Text, *,
          up: bool) -> float:
    """The rate of a ``rate_up``/``rate_down`` value in the supported forms."""
    allowed = "'@logic ? R : 0'" if up else "'@logic ? 0 : R'"
    match = _RATE.match(value.strip())
    if match is None:
        constant = _number(value, params, file, offset)
        if constant != 0.0:
            raise file.error(f"a constant non-zero rate is not supported; use {allowed}",
                             offset, value)
        return 0.0
    active, idle = ("true", "false") if up else ("false", "true")
    if _number(match.group(idle), params, file, offset) != 0.0:
        raise file.error(f"unsupported rate form; use {allowed}", offset, value)
    return _number(match.group(active), params, file, offset)


def _parse_bnd(file: _Text, params: dict[str, float]):
    nodes: dict[str, tuple[Expr | None, float, float, int]] = {}
    pos = 0
    while file.text[pos:].strip():
        match = _NODE.match(file.text, pos)
        if match is None or match.group("kw").lower() != "node":
            raise file.error_at_next("expected 'Node NAME {'", pos)
        name, pos = match.group("name"), match.end()
        if name in nodes:
            raise file.error("node defined twice", match.start("name"), name)
        logic, up, down = None, 1.0, 1.0
        while not _BLOCK_END.match(file.text, pos):
            attribute = _ATTRIBUTE.match(file.text, pos)
            if attribute is None:
                raise file.error_at_next("expected 'attribute = value;' or '}'", pos)
            key, value, offset = (attribute.group("key"), attribute.group("value"),
                                  attribute.start("value"))
            if key == "logic":
                line, column = _position(file.text, offset, 1, 1)
                logic = parse_expression(value, source=file.source, line=line, column=column)
            elif key in ("rate_up", "rate_down"):
                rate = _rate(value, offset, params, file, up=key == "rate_up")
                up, down = (rate, down) if key == "rate_up" else (up, rate)
            pos = attribute.end()
        nodes[name] = (logic, up, down, match.start("name"))
        pos = _BLOCK_END.match(file.text, pos).end()
    if not nodes:
        raise file.error("no 'Node NAME { ... }' block found", 0, "")
    return nodes


def _istate(lhs: str, rhs: str, offset: int, params: dict[str, float],
            file: _Text) -> dict[str, float]:
    """Initial probabilities of the nodes of one istate statement."""
    if not lhs.startswith("["):
        value = _number(rhs, params, file, offset)
        if value not in (0.0, 1.0):
            raise file.error("X.istate takes 0 or 1; use [X].istate = p [1], 1-p [0]",
                             offset, rhs)
        return {lhs.split(".")[0].strip(): value}
    names = [n.strip() for n in lhs[1:lhs.index("]")].split(",")]
    weights: dict[tuple[int, ...], float] = {}
    pos = 0
    while rhs[pos:].strip():
        match = _WEIGHT.match(rhs, pos)
        bits = tuple(b.strip() for b in match.group("bits").split(",")) if match else ()
        if match is None or len(bits) != len(names) or set(bits) - {"0", "1"}:
            raise file.error(f"expected 'weight [{', '.join(['0|1'] * len(names))}], ...'",
                             offset + pos, rhs[pos:])
        key = tuple(int(b) for b in bits)
        weights[key] = weights.get(key, 0.0) + _number(match.group("w"), params, file, offset)
        pos = match.end()
    total = sum(weights.values())
    if total <= 0:
        raise file.error("istate weights must sum to a positive number", offset, rhs)
    scale = 1.0 if abs(total - 1.0) <= 1e-12 else total
    marginals = [sum(w for k, w in weights.items() if k[i]) / scale for i in range(len(names))]
    for key in itertools.product((0, 1), repeat=len(names)):
        product = math.prod(p if b else 1 - p for p, b in zip(marginals, key, strict=True))
        if abs(weights.get(key, 0.0) / scale - product) > 1e-9:
            raise file.error("correlated initial states are not supported (the joint istate "
                             "must be a product of independent nodes)", offset, rhs)
    return dict(zip(names, marginals, strict=True))


def parse_maboss(bnd: str, cfg: str = "", *, bnd_source: str = "<bnd>",
                 cfg_source: str = "<cfg>") -> tuple[BooleanNetwork, MaBoSSSettings]:
    """Parse the texts of a ``.bnd`` and a ``.cfg`` file.

    Parameters
    ----------
    bnd, cfg
        File contents (``cfg`` may be empty: rates then need no parameters).
    bnd_source, cfg_source
        Names used in error messages.

    Returns
    -------
    The network and the run settings the cfg sets.

    Raises
    ------
    RuleSyntaxError
        Naming file, line, column and token of anything outside the supported subset.

    Examples
    --------
    >>> net, settings = parse_maboss("Node A { logic = !A; }", "A.istate = 1; max_time = 5;")
    >>> net.initial, settings.max_time
    ({'A': 1.0}, 5.0)
    """
    cfg_file, bnd_file = _Text(cfg, cfg_source), _Text(bnd, bnd_source)
    params, statements, settings = _parse_cfg(cfg_file)
    blocks = _parse_bnd(bnd_file, params)
    initial: dict[str, float] = {}
    internal: dict[str, bool] = {}
    for lhs, rhs, offset in statements:
        attribute = lhs.rsplit(".", 1)[-1].strip()
        names = [n.strip() for n in lhs.strip("[").split("]")[0].split(".")[0].split(",")]
        for name in names:
            if name not in blocks:
                raise cfg_file.error("unknown node", offset, name)
        if attribute == "istate":
            initial.update(_istate(lhs, rhs, offset, params, cfg_file))
        elif attribute == "is_internal":
            internal[names[0]] = bool(_number(rhs, params, cfg_file, offset))
    rules: dict[str, Expr] = {}
    for name, (logic, _, _, offset) in blocks.items():
        rules[name] = Var(name) if logic is None else logic
        for regulator in regulators(rules[name]):
            if regulator not in blocks:
                raise bnd_file.error(f"node {name} reads a node that has no block", offset,
                                     regulator)
    network = BooleanNetwork(tuple(blocks), rules,
                             {n: b[1] for n, b in blocks.items()},
                             {n: b[2] for n, b in blocks.items()}, initial, internal)
    return network, settings


def read_maboss(bnd_path: str | os.PathLike, cfg_path: str | os.PathLike | None = None
                ) -> tuple[BooleanNetwork, MaBoSSSettings]:
    """Read a ``.bnd`` file and its ``.cfg`` (if given); see :func:`parse_maboss`."""
    with open(bnd_path, encoding="utf-8") as handle:
        bnd = handle.read()
    cfg = ""
    if cfg_path is not None:
        with open(cfg_path, encoding="utf-8") as handle:
            cfg = handle.read()
    return parse_maboss(bnd, cfg, bnd_source=os.fspath(bnd_path),
                        cfg_source=os.fspath(cfg_path) if cfg_path is not None else "<cfg>")


def generate_maboss(network: BooleanNetwork, settings: MaBoSSSettings | None = None,
                    extra_cfg: str = "") -> tuple[str, str]:
    """Write a network as ``.bnd`` and ``.cfg`` texts, rates as ``$u_X``/``$d_X`` parameters.

    Parameters
    ----------
    network
        The network.
    settings
        Run settings to write into the cfg (those that are not ``None``).
    extra_cfg
        Lines appended verbatim to the cfg (e.g. ``use_mtrandgen = 1;``).

    Examples
    --------
    >>> from soraresist import ds
    >>> bnd, cfg = generate_maboss(ds.toy_network())
    >>> print(bnd.splitlines()[5])
    Node B {
    """
    bnd, cfg = [], []
    for node in network.nodes:
        bnd += [f"Node {node} {{", f"  logic = {format_expression(network.rules[node])};",
                f"  rate_up = @logic ? $u_{node} : 0;", f"  rate_down = @logic ? 0 : $d_{node};",
                "}"]
        cfg += [f"$u_{node} = {network.rate_up[node]!r};",
                f"$d_{node} = {network.rate_down[node]!r};"]
    for node in network.nodes:
        p = network.initial[node]
        cfg.append(f"{node}.istate = {int(p)};" if p in (0.0, 1.0)
                   else f"[{node}].istate = {p!r} [1], {1.0 - p!r} [0];")
    cfg += [f"{node}.is_internal = 1;" for node in network.nodes if network.internal[node]]
    if settings is not None:
        for key, value in (("sample_count", settings.sample_count),
                           ("max_time", settings.max_time), ("time_tick", settings.time_tick),
                           ("seed_pseudorandom", settings.seed),
                           ("thread_count", settings.thread_count)):
            if value is not None:
                cfg.append(f"{key} = {value!r};")
    if extra_cfg:
        cfg.append(extra_cfg)
    return "\n".join(bnd) + "\n", "\n".join(cfg) + "\n"


def write_maboss(network: BooleanNetwork, bnd_path: str | os.PathLike,
                 cfg_path: str | os.PathLike, settings: MaBoSSSettings | None = None) -> None:
    """Write a network to ``.bnd`` and ``.cfg`` files; see :func:`generate_maboss`."""
    bnd, cfg = generate_maboss(network, settings)
    with open(bnd_path, "w", encoding="utf-8") as handle:
        handle.write(bnd)
    with open(cfg_path, "w", encoding="utf-8") as handle:
        handle.write(cfg)
