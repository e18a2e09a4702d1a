"""MaBoSS .bnd/.cfg reader/writer: supported forms, settings, refusals and round trips."""

import pytest

from soraresist import ds
from soraresist.errors import RuleSyntaxError
from soraresist.model import parse_expression
from soraresist.model.io import (
    MaBoSSSettings,
    generate_maboss,
    parse_maboss,
    read_maboss,
    write_maboss,
)

BND = """
// a comment
Node A { logic = A; rate_up = 0; rate_down = 0; }
node B {
  description = "reads A; and C";
  logic = A AND NOT C;
  rate_up = @logic ? $u_B : 0;
  rate_down = (@logic ? 0.0 : 2.5);
}
Node C {
  /* block
     comment */
  logic = B;
  rate_up = @logic ? 1.0 : 0.0;
}
"""
CFG = """
$u_B = 0.5;
A.istate = 1;
[B].istate = 0.25 [1], 0.75 [0];
[A, C].istate = 0.5 [1, 0], 0.5 [1, 1];
C.is_internal = TRUE;
sample_count = 500; max_time = 20; time_tick = 0.5; seed_pseudorandom = 7;
thread_count = 2; discrete_time = 0; use_physrandgen = 0; statdist_traj_count = 0;
B.refstate = 1;
"""


def test_supported_forms():
    net, settings = parse_maboss(BND, CFG)
    assert net.nodes == ("A", "B", "C")
    assert net.rules["B"] == parse_expression("A & !C")
    assert net.rate_up == {"A": 0.0, "B": 0.5, "C": 1.0}
    assert net.rate_down == {"A": 0.0, "B": 2.5, "C": 1.0}
    assert net.initial == {"A": 1.0, "B": 0.25, "C": 0.5}
    assert net.internal == {"A": False, "B": False, "C": True}
    assert settings == MaBoSSSettings(sample_count=500, max_time=20.0, time_tick=0.5, seed=7,
                                      thread_count=2)


def test_node_without_logic_is_an_input_and_default_istate_is_half():
    net, settings = parse_maboss("Node A { rate_up = 0; }\nNode B { logic = !A; }")
    assert net.inputs == ("A",)
    assert net.initial == {"A": 0.5, "B": 0.5}
    assert settings == MaBoSSSettings()


@pytest.mark.parametrize("name", ds.bench_models())
def test_round_trip_of_bench_models(name):
    net = ds.bench_model(name)
    assert parse_maboss(*generate_maboss(net))[0] == net


def test_round_trip_of_rates_initial_internal_and_settings(tmp_path):
    net = ds.toy_network().replace(rate_up={"B": 0.3}, rate_down={"C": 4.0},
                                   initial={"B": 0.1}, internal={"C": True})
    settings = MaBoSSSettings(sample_count=10, max_time=3.0, time_tick=0.2, seed=4,
                              thread_count=1)
    write_maboss(net, tmp_path / "m.bnd", tmp_path / "m.cfg", settings)
    assert read_maboss(tmp_path / "m.bnd", tmp_path / "m.cfg") == (net, settings)


@pytest.mark.parametrize(("bnd", "cfg", "source", "line", "token"), [
    ("Node A { logic = A & ; }", "", "<bnd>", 1, "<end of rule>"),
    ("Node A {\n logic = B;\n}", "", "<bnd>", 1, "B"),
    ("Node A { logic = A; rate_up = 1; }", "", "<bnd>", 1, "1"),
    ("Node A { logic = A; rate_up = @logic ? 1 : 2; }", "", "<bnd>", 1, "@logic ? 1 : 2"),
    ("Node A { logic = A; rate_down = @logic ? 1 : 0; }", "", "<bnd>", 1, "@logic ? 1 : 0"),
    ("Node A { logic = A; rate_up = @logic ? $k : 0; }", "", "<bnd>", 1, "$k"),
    ("Node A { logic = A; rate_up = @logic ? @max_rank : 0; }", "", "<bnd>", 1,
     "@logic ? @max_rank : 0"),
    ("Node A { logic = A; }\nNode A { logic = 1; }", "", "<bnd>", 2, "A"),
    ("Nod A { logic = A; }", "", "<bnd>", 1, "Nod A { logic = A; }"),
    ("Node A { logic = A }", "", "<bnd>", 1, "logic = A }"),
    ("Node A { logic = A; }", "\n\nB.istate = 1;", "<cfg>", 3, "B"),
    ("Node A { logic = A; }", "A.istate = 0.3;", "<cfg>", 1, "0.3"),
    ("Node A { logic = A; }", "discrete_time = 1;", "<cfg>", 1, "1"),
    ("Node A { logic = A; }", "max_time = 10", "<cfg>", 1, "max_time = 10"),
    ("Node A { logic = A; }\nNode B { logic = B; }",
     "[A, B].istate = 0.5 [0, 0], 0.5 [1, 1];", "<cfg>", 1, "0.5 [0, 0], 0.5 [1, 1]"),
])
def test_refusals_name_file_line_and_token(bnd, cfg, source, line, token):
    with pytest.raises(RuleSyntaxError) as info:
        parse_maboss(bnd, cfg)
    assert (info.value.source, info.value.line, info.value.token) == (source, line, token)
