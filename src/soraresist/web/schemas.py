"""Request and response models of the HTTP API, with the bounds every request must respect."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from soraresist.analysis import DEFAULT_SAMPLES, PARTIAL_TYPES, PERTURBATION_TYPES, STATUSES
from soraresist.web.jobs import Status

MAX_BODY_BYTES = 64 * 1024
"""Largest request body accepted (413 beyond)."""
MAX_SAMPLES = 20_000
"""Most trajectories per simulated condition."""
MAX_TIME = 200.0
"""Longest simulated time."""
MAX_WINDOWS = 1_000
"""Most time windows (max_time / tick) one simulation reports."""
MAX_NAME = 100
"""Longest name (record id, entity, node, drug) accepted anywhere."""

Name = Field(min_length=1, max_length=MAX_NAME)


# ---- atlas ----------------------------------------------------------------------------------

class EvidenceSummary(BaseModel):
    """One evidence record as listed by a search."""

    evidence_id: str
    source: str
    table_section: str | None = None
    table_row: int | None = None
    subject: str | None = None
    subject_as_written: str | None = None
    subject_type: str | None = None
    category: str
    change_in_resistance: str
    effect_on_sorafenib: str
    pathway: list[str]
    pathway_as_written: str | None = None
    mechanism: str
    model_system: str | None = None
    references: list[int]


class SearchResponse(BaseModel):
    """Records matching a search, in the review's order."""

    count: int
    records: list[EvidenceSummary]


class Reference(BaseModel):
    """A reference of the review's bibliography; `url` is its DOI link when it has a DOI."""

    number: int
    authors: str | None = None
    title: str | None = None
    journal: str | None = None
    year: str | None = None
    volume: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    citation: str | None = None
    url: str | None = None
    n_evidence: int | None = None


class Entity(BaseModel):
    """An entity of the atlas with every spelling the review uses."""

    id: str
    symbol: str
    type: str
    name: str | None = None
    synonyms: list[str] = []
    xrefs: dict[str, str | list[str]] = {}
    drug_class: str | None = None
    targets: list[str] = []
    n_evidence: int | None = None


class RecordInteraction(BaseModel):
    """A signed interaction as a record states it."""

    source: str
    target: str
    type: str
    canonical: bool | None = None
    xref: str | None = None
    note: str | None = None


class Interaction(BaseModel):
    """A signed interaction of the atlas, with its record and that record's references."""

    source: str
    target: str
    type: str
    sign: int
    evidence_id: str
    canonical: bool
    references: list[int]


class EvidenceRecord(BaseModel):
    """One record as curated, with its references and entities resolved."""

    model_config = ConfigDict(extra="allow")

    id: str
    kind: str
    file: str
    line: int | None = None
    source: str
    subject: str | None = None
    mechanism: str
    category: str
    effect_on_sorafenib: str
    change_in_resistance: str
    pathway: list[str]
    references: list[Reference]
    interactions: list[RecordInteraction]
    entities: list[Entity]


class StatRow(BaseModel):
    """One count of the atlas statistics."""

    group: str
    name: str
    count: int


class Vocabulary(BaseModel):
    """Values present in the atlas for each search filter, for the pages' menus."""

    categories: list[str]
    pathways: list[str]
    effects: list[str]
    sources: list[str]


# ---- models ---------------------------------------------------------------------------------

class ModelSummary(BaseModel):
    """A network the app serves."""

    name: str
    description: str
    n_nodes: int
    n_inputs: int


class ModelNode(BaseModel):
    """A node of a network with its rule, as drawn in the network view."""

    id: str
    rule: str
    regulators: list[str]
    targets: list[str]
    kind: Literal["node", "input", "drug", "phenotype"]
    module: str | None = None
    initial: float
    rate_up: float
    rate_down: float


class ModelEdge(BaseModel):
    """A regulator-to-node edge; `sign` and evidence when the model states them."""

    source: str
    target: str
    sign: int | None = None
    evidence_ids: list[str] = []


class ModelDrug(BaseModel):
    """A drug of the model's library and the nodes it acts on."""

    id: str
    name: str
    drug_class: str | None = None
    default_efficacy: float
    targets: list[str]


class ModelGraph(BaseModel):
    """A whole network: nodes and edges, its read-outs, drugs and the perturbations it takes."""

    name: str
    description: str
    nodes: list[ModelNode]
    edges: list[ModelEdge]
    phenotypes: list[str] = []
    drugs: list[ModelDrug] = []
    perturbation_types: list[str]


class NodeDetail(ModelNode):
    """A node with its incoming edges and the atlas records behind them."""

    inputs: list[ModelEdge] = []
    evidence: list[EvidenceSummary] = []


# ---- jobs -----------------------------------------------------------------------------------

class JobStatus(BaseModel):
    """A job as polled: its progress in [0, 1], its result once done or its error."""

    id: str
    kind: str
    status: Status
    progress: float
    error: str | None = None
    result: Any = None


class Problem(BaseModel):
    """Every error answer: one line, never a traceback."""

    detail: str


class FieldProblem(BaseModel):
    """One field that breaks the schema, and why."""

    field: str
    message: str


class ValidationProblem(Problem):
    """A request that breaks the schema's bounds: one line plus each offending field."""

    errors: list[FieldProblem] = []


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "a value the atlas or model does not accept"},
    404: {"model": Problem, "description": "no such record, entity, model, node or job"},
    413: {"model": Problem, "description": "request body too large"},
    422: {"model": ValidationProblem, "description": "a field outside its bounds"},
}
"""Error answers every API route may give, as documented in the OpenAPI description."""
QUEUE_FULL: dict[int | str, dict[str, Any]] = {
    429: {"model": Problem, "description": "too many jobs queued or running; retry later"}}
"""The extra error answer of a route that submits a job."""


# ---- simulations ----------------------------------------------------------------------------

PerturbationType = Literal[PERTURBATION_TYPES]


class Perturbation(BaseModel):
    """A change to the nodes a target stands for, with the semantics of `soraresist.analysis`.

    knockout / overexpression hold the nodes off / on; knockdown and inhibitor add
    ``& !control`` to their rules, activator ``| control``, the control on in a fraction
    `efficacy` of trajectories.
    """

    model_config = ConfigDict(extra="forbid")

    target: str = Name
    type: PerturbationType
    efficacy: float | None = Field(
        None, ge=0.0, le=1.0,
        description=f"fraction of trajectories affected (1 when omitted); only for "
                    f"{', '.join(PARTIAL_TYPES)}")

    @model_validator(mode="after")
    def _efficacy_only_where_partial(self) -> Perturbation:
        if self.efficacy is not None and self.type not in PARTIAL_TYPES:
            raise ValueError(f"a {self.type} takes no efficacy; only "
                             f"{', '.join(PARTIAL_TYPES)} do")
        return self


class DrugDose(BaseModel):
    """A drug of the model's library with its efficacy on each target."""

    model_config = ConfigDict(extra="forbid")

    name: str = Name
    efficacy: float | None = Field(None, ge=0.0, le=1.0,
                                   description="the library's default efficacy when omitted")


class SimulationRequest(BaseModel):
    """What to simulate: a model, drugs and perturbations, and the engine's settings."""

    model_config = ConfigDict(extra="forbid")

    model: str = Name
    drugs: list[DrugDose] = Field(default_factory=list, max_length=8)
    perturbations: list[Perturbation] = Field(default_factory=list, max_length=20)
    samples: int = Field(1000, ge=1, le=MAX_SAMPLES,
                         description=f"trajectories per condition (1-{MAX_SAMPLES})")
    max_time: float = Field(20.0, gt=0.0, le=MAX_TIME,
                            description=f"simulated time (at most {MAX_TIME:g})")
    tick: float = Field(1.0, gt=0.0, le=MAX_TIME, description="width of a time window")
    seed: int = Field(0, ge=0, le=2**32 - 1)
    nodes: list[str] = Field(default_factory=list, max_length=50,
                             description="nodes reported besides the phenotypes")
    baseline: bool = Field(default=True, description="also simulate the model with nothing applied")

    @model_validator(mode="after")
    def _windows_bounded(self) -> SimulationRequest:
        if self.max_time / self.tick > MAX_WINDOWS:
            raise ValueError(f"max_time / tick is {self.max_time / self.tick:g}; at most "
                             f"{MAX_WINDOWS} time windows are allowed")
        for name in self.nodes:
            if not 0 < len(name) <= MAX_NAME:
                raise ValueError(f"node names are 1 to {MAX_NAME} characters long")
        return self


class Series(BaseModel):
    """Probability over time of one node or phenotype, with its standard error."""

    probability: list[float | None]
    stderr: list[float | None]


class ConditionResult(BaseModel):
    """One simulated condition: what was applied, trajectories and final values."""

    name: str
    applied: list[str]
    series: dict[str, Series]
    final: dict[str, float]
    final_stderr: dict[str, float]


class SimulationResult(BaseModel):
    """Result of a simulation job."""

    model: str
    times: list[float]
    readouts: list[str]
    samples: int
    seed: int
    conditions: list[ConditionResult]
    seconds: float


class SimulationJob(JobStatus):
    """A simulation job as polled; `result` once done."""

    result: SimulationResult | None = None


# ---- validations ----------------------------------------------------------------------------

MAX_VALIDATION_SAMPLES = 10_000
"""Most trajectories per arm of a validation (the review's set runs about 115 arms)."""
MAX_SCENARIOS = 250
"""Most scenarios one posted list may hold."""
ScenarioStatus = Literal[STATUSES]


class ValidationRequest(BaseModel):
    """Scenarios to score (the review's set when `scenarios` is omitted) and the engine's settings.

    Each posted scenario has the fields of a scenario file (docs/scenarios.md) and is checked by
    the same loader: a malformed one is a 400 naming its id (or position) and field.
    """

    model_config = ConfigDict(extra="forbid")

    scenarios: list[dict[str, Any]] | None = Field(
        None, min_length=1, max_length=MAX_SCENARIOS,
        description="scenarios in the format of the scenario files; the review's set when omitted")
    samples: int = Field(DEFAULT_SAMPLES, ge=10, le=MAX_VALIDATION_SAMPLES,
                         description=f"trajectories per arm (10-{MAX_VALIDATION_SAMPLES})")
    seed: int = Field(0, ge=0, le=2**32 - 1)


class ScenarioResult(BaseModel):
    """One scored claim: the expected and predicted directions, the effect (arm A − arm B)."""

    id: str
    family: str
    status: ScenarioStatus
    claim: str
    readout: str | None = None
    expected: str | None = None
    predicted: str | None = None
    effect: float | None = None
    stderr: float | None = None
    borderline: bool = Field(default=False, description="a shift of the effect by two "
                                                        "standard errors would change the call")
    value_a: float | None = None
    value_b: float | None = None
    arm_a: str | None = None
    arm_b: str | None = None
    message: str
    cause: str | None = Field(None, description="for a failure: why the model misses the claim "
                                                "(soraresist.analysis.FAILURE_CAUSES)")
    trace: str | None = Field(None, description="signed path from the perturbed nodes to the "
                                                "readout, with each node's value in arm A/arm B")
    components: dict[str, tuple[float, float]] | None = Field(
        None, description="for the viability read-out: each read-out behind the index, its "
                          "value in arm A and arm B")
    evidence: list[str]
    references: list[str]


class FamilyCounts(BaseModel):
    """How many claims of a mechanism family have each status; pass rate over pass + fail."""

    family: str
    counts: dict[ScenarioStatus, int]
    pass_rate: float | None = None


class ValidationResult(BaseModel):
    """Result of a validation job: per-family counts, their total and every claim."""

    source: Literal["review", "posted"]
    samples: int
    seed: int
    threshold: float
    seconds: float
    families: list[FamilyCounts]
    total: FamilyCounts
    results: list[ScenarioResult]


class ValidationJob(JobStatus):
    """A validation job as polled; `result` once done."""

    result: ValidationResult | None = None
