"""SBML-qual files (SBML Level 3 Version 1, qual package v1): read, parse, generate, write.

Writing: one compartment (dimensionless: a logical model has no volumes); one
``QualitativeSpecies`` per node (``maxLevel`` 1, ``constant`` for free inputs, ``initialLevel``
when the initial probability is 0 or 1); one ``Transition`` per other node with its ``Input`` s
(effect ``none``; sign ``positive``, ``negative`` or ``dual`` from the polarity of the node's
literals in the rule), an ``Output`` (``assignmentLevel``), a ``FunctionTerm`` of result level 1
whose MathML combines ``eq(X, 1)`` with ``and``/``or``/``not`` (as GINsim and CellNOpt write it)
and a ``DefaultTerm`` of level 0. Transition ids are ``tr_NODE``; the model and compartment ids
(``model``, ``cell``) get a suffix if a node already has that name.

What SBML-qual cannot hold (rates, a fractional initial probability, ``is_internal``) goes into
an annotation of the species in the namespace :data:`MABOSS_NAMESPACE`::

    <sr:maboss xmlns:sr="https://soraresist.org/ns/maboss" rate_up="1.0" rate_down="1.0"
               initial="0.25" internal="true"/>

``initial`` is written only when the probability is not 0 or 1 (otherwise ``initialLevel``
says it), ``internal`` only when true; other tools ignore the annotation. Reading without it:
rates 1, a species without ``initialLevel`` on with probability 1/2 (the defaults of the other
formats).

Reading also accepts files from other tools (GINsim, CellCollective, BoolNet): comparisons
``eq``, ``neq``, ``lt``, ``leq``, ``gt``, ``geq`` between a species (or an ``Input`` id) and a
number, ``and``/``or``/``xor``/``not`` and ``true``/``false``; function terms whose result level
differs from the default level are OR-ed (as the qual specification proposes; the result is
negated when the default level is 1); a species without transition is a free input, one
without ``maxLevel`` is taken as Boolean, and ``initialLevel`` wins over an ``initial`` in the
annotation. Node names are the species ids. Multivalued species (``maxLevel`` > 1) are refused.
"""

from __future__ import annotations

import operator
import os
from collections.abc import Callable, Iterator

import libsbml

from soraresist.errors import InvalidValueError, RuleSyntaxError
from soraresist.model._expr import And, Const, Expr, Not, Or, Var
from soraresist.model._network import BooleanNetwork

__all__ = [
    "MABOSS_NAMESPACE",
    "generate_sbml_qual",
    "parse_sbml_qual",
    "read_sbml_qual",
    "write_sbml_qual",
]

MABOSS_NAMESPACE = "https://soraresist.org/ns/maboss"
"""XML namespace of the species annotation that keeps rates, initial probability, visibility."""

_ANNOTATION = "maboss"
_COMPARISONS: dict[int, Callable[[float, float], bool]] = {
    libsbml.AST_RELATIONAL_EQ: operator.eq,
    libsbml.AST_RELATIONAL_NEQ: operator.ne,
    libsbml.AST_RELATIONAL_LT: operator.lt,
    libsbml.AST_RELATIONAL_LEQ: operator.le,
    libsbml.AST_RELATIONAL_GT: operator.gt,
    libsbml.AST_RELATIONAL_GEQ: operator.ge,
}
_MIRRORED = {libsbml.AST_RELATIONAL_LT: libsbml.AST_RELATIONAL_GT,
             libsbml.AST_RELATIONAL_GT: libsbml.AST_RELATIONAL_LT,
             libsbml.AST_RELATIONAL_LEQ: libsbml.AST_RELATIONAL_GEQ,
             libsbml.AST_RELATIONAL_GEQ: libsbml.AST_RELATIONAL_LEQ}
_CONNECTIVES = (libsbml.AST_LOGICAL_NOT, libsbml.AST_LOGICAL_AND, libsbml.AST_LOGICAL_OR,
                libsbml.AST_LOGICAL_XOR)
_NUMBERS = (libsbml.AST_INTEGER, libsbml.AST_REAL, libsbml.AST_REAL_E, libsbml.AST_RATIONAL)
_Fail = Callable[[str, str], RuleSyntaxError]  # (message, token) -> error located at the term


# ---------------------------------------------------------------- reading


def _error(message: str, source: str, element: libsbml.SBase | None = None,
           token: str = "") -> RuleSyntaxError:
    line = element.getLine() if element is not None else 0
    column = element.getColumn() if element is not None else 0
    return RuleSyntaxError(message, source=source, line=max(line, 1), column=max(column, 1),
                           token=token)


def _label(transition: libsbml.Transition, index: int) -> str:
    if transition.isSetId():
        return f"transition '{transition.getId()}'"
    return f"transition #{index + 1}"


def _comparison(node: libsbml.ASTNode, levels: dict[str, str], fail: _Fail) -> Expr:
    """A comparison of a Boolean species with a number, as a literal or a constant."""
    if node.getNumChildren() != 2:
        raise fail("a comparison takes two arguments", libsbml.formulaToL3String(node))
    kind = node.getType()
    left, right = node.getChild(0), node.getChild(1)
    if left.getType() in _NUMBERS and right.getType() == libsbml.AST_NAME:
        left, right = right, left
        kind = _MIRRORED.get(kind, kind)
    if left.getType() != libsbml.AST_NAME or right.getType() not in _NUMBERS:
        raise fail("expected a comparison of a species with a number",
                   libsbml.formulaToL3String(node))
    name = left.getName()
    if name not in levels:
        raise fail("unknown species in the math", name)
    species, threshold = levels[name], right.getValue()
    holds = [_COMPARISONS[kind](level, threshold) for level in (0, 1)]
    if holds[0] == holds[1]:
        return Const(holds[0])
    return Var(species) if holds[1] else Not(Var(species))


def _expression(node: libsbml.ASTNode, levels: dict[str, str], fail: _Fail) -> Expr:
    """The expression tree of a Boolean MathML formula; ``levels`` maps ids to species."""
    kind = node.getType()
    if kind in _COMPARISONS:
        return _comparison(node, levels, fail)
    if kind in (libsbml.AST_CONSTANT_TRUE, libsbml.AST_CONSTANT_FALSE):
        return Const(value=kind == libsbml.AST_CONSTANT_TRUE)
    arity = node.getNumChildren()
    if kind not in _CONNECTIVES or (kind == libsbml.AST_LOGICAL_NOT and arity != 1):
        raise fail("unsupported MathML (allowed: and, or, xor, not, true, false and the "
                   "comparisons eq, neq, lt, leq, gt, geq of a species with a number)",
                   libsbml.formulaToL3String(node) or node.getName() or "")
    children = [_expression(node.getChild(i), levels, fail) for i in range(arity)]
    if kind == libsbml.AST_LOGICAL_NOT:
        return Not(children[0])
    if not children:  # MathML's empty and/or/xor: their neutral elements
        return Const(value=kind == libsbml.AST_LOGICAL_AND)
    if len(children) == 1:
        return children[0]
    if kind == libsbml.AST_LOGICAL_AND:
        return And(tuple(children))
    if kind == libsbml.AST_LOGICAL_OR:
        return Or(tuple(children))
    parity = children[0]
    for child in children[1:]:
        parity = Or((And((parity, Not(child))), And((Not(parity), child))))
    return parity


def _annotation(species: libsbml.SBase) -> dict[str, str]:
    """Attributes of our ``maboss`` annotation element (empty if there is none)."""
    annotation = species.getAnnotation()
    if annotation is None:
        return {}
    for i in range(annotation.getNumChildren()):
        child = annotation.getChild(i)
        if child.getURI() == MABOSS_NAMESPACE and child.getName() == _ANNOTATION:
            attributes = child.getAttributes()
            return {attributes.getName(j): attributes.getValue(j)
                    for j in range(attributes.getLength())}
    return {}


def _species(qual: libsbml.QualModelPlugin, source: str):
    """Node ids in order, initial probabilities, rates and visibility, from the species."""
    nodes: list[str] = []
    initial, up, down, internal = {}, {}, {}, {}
    for species in qual.getListOfQualitativeSpecies():
        name = species.getId()
        if species.isSetMaxLevel() and species.getMaxLevel() > 1:
            raise _error(f"species '{name}' has maxLevel {species.getMaxLevel()}; only "
                         "Boolean species (maxLevel 1) are supported", source, species, name)
        if name in nodes:
            raise _error("species id used twice", source, species, name)
        nodes.append(name)
        extra = _annotation(species)
        for key, target in (("rate_up", up), ("rate_down", down), ("initial", initial)):
            if key in extra:
                try:
                    target[name] = float(extra[key])
                except ValueError:
                    raise _error(f"the {key} annotation of species '{name}' is not a number",
                                 source, species, extra[key]) from None
        internal[name] = extra.get("internal", "false").lower() in ("true", "1")
        if species.isSetInitialLevel():
            level = species.getInitialLevel()
            if level not in (0, 1):
                raise _error(f"species '{name}' has initialLevel {level}; allowed: 0, 1",
                             source, species, str(level))
            initial[name] = float(level)
    if not nodes:
        raise _error("the model has no qualitativeSpecies", source)
    return nodes, initial, up, down, internal


def _rule(transition: libsbml.Transition, label: str, levels: dict[str, str],
          source: str) -> Expr:
    """The Boolean rule a transition's function terms define."""
    terms = transition.getListOfFunctionTerms()
    default = terms.getDefaultTerm() if terms is not None else None
    if default is None:
        raise _error(f"{label} has no defaultTerm", source, transition)
    base = default.getResultLevel()
    if base not in (0, 1):
        raise _error(f"{label}: defaultTerm resultLevel {base}; allowed: 0, 1", source,
                     default, str(base))
    switches = []
    for term in terms:
        level = term.getResultLevel()
        if level not in (0, 1):
            raise _error(f"{label}: functionTerm resultLevel {level}; allowed: 0, 1", source,
                         term, str(level))
        if not term.isSetMath():
            raise _error(f"{label}: functionTerm without math", source, term)

        def fail(message: str, token: str, term=term) -> RuleSyntaxError:
            return _error(f"{label}: {message}", source, term, token)

        if level != base:
            switches.append(_expression(term.getMath(), levels, fail))
    switched = (Const(value=False) if not switches else switches[0] if len(switches) == 1
                else Or(tuple(switches)))
    return Not(switched) if base == 1 else switched


def _parse_document(document: libsbml.SBMLDocument, source: str) -> BooleanNetwork:
    qual = document.getModel().getPlugin("qual")
    nodes, initial, up, down, internal = _species(qual, source)
    rules: dict[str, Expr] = {}
    origin: dict[str, str] = {}
    for index, transition in enumerate(qual.getListOfTransitions()):
        label = _label(transition, index)
        levels = {name: name for name in nodes}
        for put in transition.getListOfInputs():
            if put.getQualitativeSpecies() not in nodes:
                raise _error(f"{label}: input of unknown species", source, put,
                             put.getQualitativeSpecies())
            if put.isSetId():
                levels[put.getId()] = put.getQualitativeSpecies()
        outputs = list(transition.getListOfOutputs())
        if not outputs:
            raise _error(f"{label} has no output", source, transition)
        rule = _rule(transition, label, levels, source)
        for put in outputs:
            target = put.getQualitativeSpecies()
            if target not in nodes:
                raise _error(f"{label}: output of unknown species", source, put, target)
            if put.getTransitionEffect() != libsbml.OUTPUT_TRANSITION_EFFECT_ASSIGNMENT_LEVEL:
                raise _error(f"{label}: only the output effect assignmentLevel is supported",
                             source, put, target)
            if target in rules:
                raise _error(f"species '{target}' is the output of both {origin[target]} "
                             f"and {label}", source, put, target)
            rules[target], origin[target] = rule, label
    return BooleanNetwork(tuple(nodes), rules, up, down, initial, internal)


def parse_sbml_qual(text: str, *, source: str = "<sbml>") -> BooleanNetwork:
    """Parse the text of an SBML-qual document.

    Parameters
    ----------
    text
        The XML text.
    source
        Name used in error messages.

    Raises
    ------
    RuleSyntaxError
        If the text is not SBML-qual, a species is multivalued, or a transition's math is
        outside the supported subset; names the line, the species or transition and the token.

    Examples
    --------
    >>> from soraresist import ds
    >>> parse_sbml_qual(generate_sbml_qual(ds.toy_network())) == ds.toy_network()
    True
    """
    document = libsbml.readSBMLFromString(text)
    problems = [problem for problem in map(document.getError, range(document.getNumErrors()))
                if problem.getSeverity() >= libsbml.LIBSBML_SEV_ERROR
                and problem.getErrorId() != libsbml.MissingXMLEncoding]
    if document.getModel() is None or not document.isPackageEnabled("qual"):
        expected = "expected an SBML Level 3 document with the qual package and a <model>"
        if problems:
            raise RuleSyntaxError(f"{expected}; the reader says: {problems[0].getShortMessage()}",
                                  source=source, line=max(problems[0].getLine(), 1),
                                  column=max(problems[0].getColumn(), 1))
        found = ("no <model>" if document.getModel() is None else
                 f"SBML Level {document.getLevel()} Version {document.getVersion()} "
                 "without the qual package")
        raise RuleSyntaxError(f"{expected}; found {found}", source=source)
    if problems:
        raise RuleSyntaxError(f"invalid SBML: {problems[0].getShortMessage()}", source=source,
                              line=max(problems[0].getLine(), 1),
                              column=max(problems[0].getColumn(), 1))
    return _parse_document(document, source)


def read_sbml_qual(path: str | os.PathLike) -> BooleanNetwork:
    """Read an SBML-qual file; see :func:`parse_sbml_qual`."""
    with open(path, encoding="utf-8") as handle:
        return parse_sbml_qual(handle.read(), source=os.fspath(path))


# ---------------------------------------------------------------- writing


def _literals(expr: Expr, *, negated: bool = False) -> Iterator[tuple[str, bool]]:
    """(name, negated) for each variable occurrence."""
    if isinstance(expr, Var):
        yield expr.name, negated
    elif isinstance(expr, Not):
        yield from _literals(expr.operand, negated=not negated)
    elif isinstance(expr, And | Or):
        for operand in expr.operands:
            yield from _literals(operand, negated=negated)


def _signs(expr: Expr) -> dict[str, int]:
    """The qual input sign of each regulator: positive, negative or dual."""
    polarities: dict[str, set[bool]] = {}
    for name, negated in _literals(expr):
        polarities.setdefault(name, set()).add(negated)
    codes = {frozenset({False}): libsbml.INPUT_SIGN_POSITIVE,
             frozenset({True}): libsbml.INPUT_SIGN_NEGATIVE}
    return {name: codes.get(frozenset(p), libsbml.INPUT_SIGN_DUAL)
            for name, p in polarities.items()}


def _ast(expr: Expr) -> libsbml.ASTNode:
    """MathML tree of a rule: each variable as ``eq(X, 1)``."""
    if isinstance(expr, Const):
        return libsbml.ASTNode(libsbml.AST_CONSTANT_TRUE if expr.value
                               else libsbml.AST_CONSTANT_FALSE)
    if isinstance(expr, Var):
        node = libsbml.ASTNode(libsbml.AST_RELATIONAL_EQ)
        name = libsbml.ASTNode(libsbml.AST_NAME)
        name.setName(expr.name)
        one = libsbml.ASTNode(libsbml.AST_INTEGER)
        one.setValue(1)
        node.addChild(name)
        node.addChild(one)
        return node
    if isinstance(expr, Not):
        node = libsbml.ASTNode(libsbml.AST_LOGICAL_NOT)
        node.addChild(_ast(expr.operand))
        return node
    node = libsbml.ASTNode(libsbml.AST_LOGICAL_AND if isinstance(expr, And)
                           else libsbml.AST_LOGICAL_OR)
    for operand in expr.operands:
        node.addChild(_ast(operand))
    return node


def _unique(stem: str, taken: set[str]) -> str:
    """``stem``, or ``stem_2``, ``stem_3``... whichever is not yet an id; then reserve it."""
    name, count = stem, 1
    while name in taken:
        count += 1
        name = f"{stem}_{count}"
    taken.add(name)
    return name


def _check(code: int, what: str) -> None:
    if code != libsbml.LIBSBML_OPERATION_SUCCESS:
        raise InvalidValueError(f"cannot write {what} to SBML-qual (libsbml return code {code})")


def _annotate(species: libsbml.QualitativeSpecies, network: BooleanNetwork, node: str) -> None:
    attributes = []
    if node not in network.inputs:
        attributes += [f'rate_up="{network.rate_up[node]!r}"',
                       f'rate_down="{network.rate_down[node]!r}"']
    if network.initial[node] not in (0.0, 1.0):
        attributes.append(f'initial="{network.initial[node]!r}"')
    if network.internal[node]:
        attributes.append('internal="true"')
    if attributes:
        _check(species.appendAnnotation(
            f'<annotation><sr:{_ANNOTATION} xmlns:sr="{MABOSS_NAMESPACE}" '
            f'{" ".join(attributes)}/></annotation>'), f"the annotation of node '{node}'")


def _document(network: BooleanNetwork) -> libsbml.SBMLDocument:
    document = libsbml.SBMLDocument(libsbml.SBMLNamespaces(3, 1, "qual", 1))
    document.setPackageRequired("qual", True)  # noqa: FBT003 (libsbml's positional flag)
    model = document.createModel()
    taken = set(network.nodes)
    _check(model.setId(_unique("model", taken)), "the model id")
    compartment = model.createCompartment()
    compartment.setId(_unique("cell", taken))
    compartment.setConstant(True)
    compartment.setUnits("dimensionless")  # a logical model has no volumes; silences unit checks
    qual = model.getPlugin("qual")
    inputs = set(network.inputs)
    for node in network.nodes:
        if not libsbml.SyntaxChecker.isValidSBMLSId(node):
            raise InvalidValueError(f"node '{node}' is not a valid SBML id; allowed: letters, "
                                    "digits and _, not starting with a digit")
        species = qual.createQualitativeSpecies()
        _check(species.setId(node), f"node '{node}'")
        species.setName(node)
        species.setCompartment(compartment.getId())
        species.setConstant(node in inputs)
        species.setMaxLevel(1)
        if network.initial[node] in (0.0, 1.0):
            species.setInitialLevel(int(network.initial[node]))
        _annotate(species, network, node)
    for node in network.nodes:
        if node in inputs:
            continue
        rule = network.rules[node]
        transition = qual.createTransition()
        transition.setId(_unique(f"tr_{node}", taken))
        for regulator, sign in _signs(rule).items():
            put = transition.createInput()
            put.setQualitativeSpecies(regulator)
            put.setTransitionEffect(libsbml.INPUT_TRANSITION_EFFECT_NONE)
            put.setSign(sign)
        output = transition.createOutput()
        output.setQualitativeSpecies(node)
        output.setTransitionEffect(libsbml.OUTPUT_TRANSITION_EFFECT_ASSIGNMENT_LEVEL)
        term = transition.createFunctionTerm()
        term.setResultLevel(1)
        _check(term.setMath(_ast(rule)), f"the rule of '{node}'")
        transition.createDefaultTerm().setResultLevel(0)
    return document


def generate_sbml_qual(network: BooleanNetwork) -> str:
    """Write a network as an SBML-qual document (see the module notes for the mapping).

    Raises
    ------
    InvalidValueError
        If a node name is not a valid SBML id (letters, digits and ``_``, not starting with a
        digit).

    Examples
    --------
    >>> from soraresist import ds
    >>> text = generate_sbml_qual(ds.toy_network())
    >>> text.count("<qual:transition "), text.count('qual:constant="true"')
    (2, 1)
    """
    return libsbml.writeSBMLToString(_document(network))


def write_sbml_qual(network: BooleanNetwork, path: str | os.PathLike) -> None:
    """Write a network to an SBML-qual file; see :func:`generate_sbml_qual`."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(generate_sbml_qual(network))
