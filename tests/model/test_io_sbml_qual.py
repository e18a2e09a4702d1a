"""SBML-qual reader/writer: validity, round trips, other tools' files and refusals."""

import itertools
import random

import libsbml
import pytest

from soraresist import ds
from soraresist.errors import RuleSyntaxError
from soraresist.model import BooleanNetwork, Expr, evaluate, parse_expression, regulators
from soraresist.model.io.sbml_qual import (
    MABOSS_NAMESPACE,
    generate_sbml_qual,
    parse_sbml_qual,
    read_sbml_qual,
    write_sbml_qual,
)


def same_function(first: Expr, second: Expr) -> bool:
    """Whether two rules agree on all assignments of their regulators (≤ 12), else on 2000."""
    names = list(dict.fromkeys(regulators(first) + regulators(second)))
    if len(names) <= 12:
        states = itertools.product((0, 1), repeat=len(names))
    else:
        rng = random.Random(12345)
        states = ([rng.randint(0, 1) for _ in names] for _ in range(2000))
    return all(evaluate(first, dict(zip(names, s, strict=True)))
               == evaluate(second, dict(zip(names, s, strict=True))) for s in states)


def consistency_issues(text: str) -> list[str]:
    document = libsbml.readSBMLFromString(text)
    document.checkConsistency()
    return [document.getError(i).getMessage() for i in range(document.getNumErrors())]


def assert_round_trip(net: BooleanNetwork) -> None:
    back = parse_sbml_qual(generate_sbml_qual(net))
    assert back.nodes == net.nodes
    for node in net.nodes:
        assert same_function(back.rules[node], net.rules[node]), node
    assert back.rate_up == net.rate_up
    assert back.rate_down == net.rate_down
    assert back.initial == net.initial
    assert back.internal == net.internal
    assert back == net  # the writer's eq(X, 1) literals read back as the same trees


@pytest.mark.parametrize("name", ds.bench_models())
def test_bench_models_validate_and_round_trip(name):
    net = ds.bench_model(name)
    text = generate_sbml_qual(net)
    assert consistency_issues(text) == []
    assert_round_trip(net)


def test_rates_initial_values_visibility_and_constants_round_trip():
    net = BooleanNetwork.from_rules(
        {"A": "A", "K": "1", "L": "false", "B": "(K | A) & !L & !C", "C": "B | (C & !A)"},
        rate_up={"B": 1 / 3, "C": 0.0}, rate_down={"B": 2.5e-7, "C": 12.0},
        initial={"A": 1.0, "B": 0.0, "C": 0.125, "K": 0.5}, internal={"C": True})
    assert consistency_issues(generate_sbml_qual(net)) == []
    assert_round_trip(net)


def test_ids_that_clash_with_node_names_are_renamed():
    net = BooleanNetwork.from_rules({"cell": "model", "model": "tr_cell", "tr_cell": "!cell"})
    text = generate_sbml_qual(net)
    assert consistency_issues(text) == []
    assert parse_sbml_qual(text) == net


def test_written_document_structure():
    net = ds.toy_network().replace(initial={"C": 0.25}, rate_up={"B": 0.3})
    model = libsbml.readSBMLFromString(generate_sbml_qual(net)).getModel()
    qual = model.getPlugin("qual")
    species = {s.getId(): s for s in qual.getListOfQualitativeSpecies()}
    assert [s.getMaxLevel() for s in species.values()] == [1, 1, 1]
    assert [s.getConstant() for s in species.values()] == [True, False, False]
    assert species["A"].getInitialLevel() == 1
    assert not species["C"].isSetInitialLevel()
    annotation = species["C"].getAnnotation().getChild(0)
    assert (annotation.getURI(), annotation.getAttrValue("initial")) == (MABOSS_NAMESPACE, "0.25")
    assert species["B"].getAnnotation().getChild(0).getAttrValue("rate_up") == "0.3"
    transitions = {t.getOutput(0).getQualitativeSpecies(): t for t in qual.getListOfTransitions()}
    assert sorted(transitions) == ["B", "C"]
    b = transitions["B"]
    assert b.getOutput(0).getTransitionEffect() == libsbml.OUTPUT_TRANSITION_EFFECT_ASSIGNMENT_LEVEL
    assert b.getDefaultTerm().getResultLevel() == 0
    assert b.getNumFunctionTerms() == 1 and b.getFunctionTerm(0).getResultLevel() == 1
    assert libsbml.formulaToL3String(b.getFunctionTerm(0).getMath()) == "(A == 1) && !(C == 1)"


def test_input_signs_follow_the_literals():
    net = BooleanNetwork.from_rules({"T": "A & !C | C & B & !(!D)"})
    model = libsbml.readSBMLFromString(generate_sbml_qual(net)).getModel()
    transition = model.getPlugin("qual").getTransition(0)
    signs = {put.getQualitativeSpecies(): put.getSign() for put in transition.getListOfInputs()}
    assert signs == {"A": libsbml.INPUT_SIGN_POSITIVE, "C": libsbml.INPUT_SIGN_DUAL,
                     "B": libsbml.INPUT_SIGN_POSITIVE, "D": libsbml.INPUT_SIGN_POSITIVE}
    effects = {put.getTransitionEffect() for put in transition.getListOfInputs()}
    assert effects == {libsbml.INPUT_TRANSITION_EFFECT_NONE}


def test_write_and_read_a_file(tmp_path):
    net = ds.toy_network()
    write_sbml_qual(net, tmp_path / "toy.sbml")
    assert read_sbml_qual(tmp_path / "toy.sbml") == net


HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<sbml xmlns="http://www.sbml.org/sbml/level3/version1/core" level="3" version="1"
      xmlns:qual="http://www.sbml.org/sbml/level3/version1/qual/version1" qual:required="true">
<model id="ginsim_like">
<listOfCompartments><compartment id="comp1" constant="true"/></listOfCompartments>
"""
TAIL = "</model>\n</sbml>\n"


def species(*names: str, max_level: int = 1) -> str:
    rows = "".join(f'<qual:qualitativeSpecies qual:id="{n}" qual:compartment="comp1" '
                   f'qual:constant="false" qual:maxLevel="{max_level}"/>\n' for n in names)
    if not rows:
        return ""
    return f"<qual:listOfQualitativeSpecies>\n{rows}</qual:listOfQualitativeSpecies>\n"


def transition(tid: str, output: str, terms: str, *, default: str = "0",
               inputs: str = "", effect: str = "assignmentLevel") -> str:
    parts = [f'<qual:transition qual:id="{tid}">']
    if inputs:
        parts.append(f"<qual:listOfInputs>{inputs}</qual:listOfInputs>")
    parts.append(f'<qual:listOfOutputs><qual:output qual:qualitativeSpecies="{output}" '
                 f'qual:transitionEffect="{effect}"/></qual:listOfOutputs>')
    default_term = f'<qual:defaultTerm qual:resultLevel="{default}"/>' if default else ""
    parts.append(f"<qual:listOfFunctionTerms>{default_term}{terms}</qual:listOfFunctionTerms>")
    return "".join(parts) + "</qual:transition>\n"


def term(level: int, mathml: str) -> str:
    return (f'<qual:functionTerm qual:resultLevel="{level}">'
            f'<math xmlns="http://www.w3.org/1998/Math/MathML">{mathml}</math>'
            "</qual:functionTerm>")


def cmp(op: str, left: str, right: str) -> str:
    def arg(x):
        return f'<cn type="integer">{x}</cn>' if x.isdigit() else f"<ci> {x} </ci>"
    return f"<apply><{op}/>{arg(left)}{arg(right)}</apply>"


def document(*transitions: str, names=("A", "B", "C", "D", "E"), max_level: int = 1) -> str:
    body = "".join(transitions)
    listed = f"<qual:listOfTransitions>\n{body}</qual:listOfTransitions>\n" if body else ""
    return HEAD + species(*names, max_level=max_level) + listed + TAIL


def test_ginsim_style_document():
    text = document(
        # two function terms of level 1 are OR-ed: (A >= 1 and C < 1) or D == 1
        transition("tr_B", "B", term(1, f"<apply><and/>{cmp('geq', 'A', '1')}"
                                        f"{cmp('lt', 'C', '1')}</apply>")
                   + term(1, cmp("eq", "D", "1"))),
        # number first, neq, and an Input id used in the math
        transition("tr_C", "C", term(1, f"<apply><and/>{cmp('neq', 'in_B', '0')}"
                                        f"{cmp('gt', '1', 'D')}</apply>"),
                   inputs='<qual:input qual:id="in_B" qual:qualitativeSpecies="B" '
                          'qual:transitionEffect="none"/>'),
        # default level 1, switched off by a level-0 term
        transition("tr_D", "D", term(0, cmp("leq", "1", "A")), default="1"),
        transition("tr_E", "E", term(1, f"<apply><xor/>{cmp('eq', 'A', '1')}"
                                        f"{cmp('eq', 'B', '0')}</apply>")),
    )
    net = parse_sbml_qual(text)
    assert net.nodes == ("A", "B", "C", "D", "E")
    assert net.inputs == ("A",)
    expected = {"B": "A & !C | D", "C": "B & !D", "D": "!A", "E": "A & B | !A & !B"}
    for node, rule in expected.items():
        assert same_function(net.rules[node], parse_expression(rule)), node
    assert net.rules["C"] == parse_expression("B & !D")
    assert net.initial == dict.fromkeys(net.nodes, 0.5)
    assert net.rate_up == {"A": 0.0, "B": 1.0, "C": 1.0, "D": 1.0, "E": 1.0}


def test_comparisons_that_always_or_never_hold_are_constants():
    text = document(transition("tr_B", "B", term(1, f"<apply><or/>{cmp('geq', 'A', '0')}"
                                                    f"{cmp('gt', 'C', '1')}</apply>")))
    assert parse_sbml_qual(text).rules["B"] == parse_expression("1 | 0")


@pytest.mark.parametrize(("text", "fragments"), [
    ("targets, factors\nA, A\n", ["expected an SBML Level 3 document", "Badly formed XML"]),
    ("", ["expected an SBML Level 3 document"]),
    ('<?xml version="1.0" encoding="UTF-8"?><sbml xmlns="http://www.sbml.org/sbml/level3/'
     'version1/core" level="3" version="1"><model id="m"/></sbml>',
     ["without the qual package"]),
    (document(max_level=2), ["species 'A' has maxLevel 2", "maxLevel 1"]),
    (document(names=()), ["no qualitativeSpecies"]),
    (document(transition("tr_B", "B", term(1, "<apply><plus/><ci> A </ci><cn>1</cn></apply>"))),
     ["transition 'tr_B'", "unsupported MathML", "A + 1"]),
    (document(transition("tr_B", "B", term(1, cmp("eq", "X", "1")))),
     ["transition 'tr_B'", "unknown species", "'X'"]),
    (document(transition("tr_B", "B", term(1, cmp("eq", "A", "C")))),
     ["transition 'tr_B'", "comparison of a species with a number"]),
    (document(transition("tr_B", "B", term(1, "<ci> A </ci>"))),
     ["transition 'tr_B'", "unsupported MathML"]),
    (document(transition("tr_B", "B", term(1, cmp("eq", "A", "1")), default="")),
     ["transition 'tr_B' has no defaultTerm"]),
    (document(transition("tr_B", "B", term(1, cmp("eq", "A", "1")), effect="production")),
     ["assignmentLevel"]),
    (document(transition("t1", "B", term(1, cmp("eq", "A", "1"))),
              transition("t2", "B", term(1, cmp("eq", "C", "1")))),
     ["species 'B' is the output of both transition 't1' and transition 't2'"]),
])
def test_malformed_documents_are_refused(text, fragments):
    with pytest.raises(RuleSyntaxError) as caught:
        parse_sbml_qual(text, source="in.sbml")
    message = str(caught.value)
    assert message.startswith("in.sbml:")
    for fragment in fragments:
        assert fragment in message


def test_error_points_at_the_line_of_the_bad_element():
    text = document(transition("tr_B", "B", term(1, cmp("eq", "X", "1"))))
    with pytest.raises(RuleSyntaxError) as caught:
        parse_sbml_qual(text)
    assert caught.value.line == text.splitlines().index(
        next(line for line in text.splitlines() if "tr_B" in line)) + 1


def test_node_names_that_are_not_sbml_ids_are_refused():
    net = BooleanNetwork(("A-1",), {})
    with pytest.raises(ValueError, match="node 'A-1' is not a valid SBML id"):
        generate_sbml_qual(net)
