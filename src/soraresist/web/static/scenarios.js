// Scenario runner: submit a simulation job, poll its progress, draw trajectories and bars.
import { api, el, pollJob, postJSON, showError } from "/static/app.js";
import { PALETTE, barChart, lineChart } from "/static/plot.js";

const $ = (id) => document.getElementById(id);
let perturbations = [];

function checkbox(container, value, checked, name) {
  container.append(el("label", {}, el("input", { type: "checkbox", value, checked, name }), ` ${value}`));
}

function checked(container) {
  return [...container.querySelectorAll("input:checked")].map((box) => box.value);
}

function drawPerturbations() {
  $("perturbations").replaceChildren(...perturbations.map((p, i) => el("li", {},
    `${p.type} ${p.target} `,
    el("button", { type: "button", class: "secondary", onclick: () => {
      perturbations.splice(i, 1); drawPerturbations(); } }, "remove"))));
}

async function loadModel(name) {
  const graph = await api(`/api/models/${encodeURIComponent(name)}`);
  perturbations = [];
  drawPerturbations();
  const targets = graph.nodes.filter((n) => n.kind !== "phenotype" && n.kind !== "drug");
  $("pert-target").replaceChildren(...targets.map((n) => el("option", { value: n.id }, n.id)));
  $("pert-type").replaceChildren(...graph.perturbation_types.map((t) => el("option", { value: t }, t)));
  $("drugs-card").hidden = graph.drugs.length === 0;
  $("drugs").replaceChildren();
  for (const d of graph.drugs) checkbox($("drugs"), d.id, false, "drug");
  $("readouts").replaceChildren();
  const phenotypes = graph.nodes.filter((n) => n.kind === "phenotype").map((n) => n.id);
  const defaults = new Set(phenotypes.length ? phenotypes
    : graph.nodes.filter((n) => n.kind === "node").slice(0, 4).map((n) => n.id));
  for (const n of graph.nodes.filter((n) => n.kind !== "drug" && n.kind !== "phenotype")) {
    checkbox($("readouts"), n.id, !phenotypes.length && defaults.has(n.id), "readout");
  }
  $("readouts-note").textContent = phenotypes.length
    ? `Always shown: ${phenotypes.join(", ")} and the viability index. Add nodes:` : "";
}

function drawResult(result) {
  const readouts = result.readouts;
  const colour = (i) => PALETTE[i % PALETTE.length];
  const series = [];
  for (const condition of result.conditions) {
    readouts.forEach((name, i) => series.push({
      label: name,
      color: colour(i), dashed: condition.name !== "scenario",
      values: condition.series[name].probability, stderr: condition.series[name].stderr }));
  }
  const conditionColour = { untreated: "#8c959f", "drugs only": "#9a6700", scenario: "#1f6feb" };
  const groups = readouts.map((name) => ({ label: name, bars: result.conditions.map((c) => ({
    label: c.name, color: conditionColour[c.name] || "#1f6feb",
    value: c.final[name], stderr: c.final_stderr[name] })) }));
  const applied = result.conditions[result.conditions.length - 1].applied;
  $("plots").replaceChildren(
    el("p", { class: "muted" }, `${result.samples} trajectories per condition, seed ${result.seed}, `
      + `${result.seconds.toFixed(2)} s. Scenario: ${applied.join(", ") || "nothing applied"}. `
      + "Shaded bands and whiskers: ±1 standard error."),
    el("div", { id: "trajectories" }, lineChart(result.times, series, {
      title: "Probability over time (solid: scenario; dashed: untreated / drugs only)",
      width: 820, height: 360 })),
    el("div", { id: "bars" }, barChart(groups, { title: "Probability at the final time",
                                                 width: 820, height: 340 })));
}

function showJob(job) {
  $("progress").value = job.progress;
  $("state").textContent = `${job.status} ${(100 * job.progress).toFixed(0)}%`;
}

async function run(event) {
  event.preventDefault();
  $("message").replaceChildren();
  $("run").disabled = true;
  $("progress").hidden = false;
  $("progress").value = 0;
  try {
    const job = await postJSON("/api/simulations", {
      model: $("model").value, samples: Number($("samples").value),
      max_time: Number($("max_time").value), tick: Number($("tick").value),
      seed: Number($("seed").value), perturbations,
      drugs: checked($("drugs")).map((name) => ({ name })), nodes: checked($("readouts")) });
    drawResult(await pollJob(`/api/simulations/${job.id}`, showJob));
  } catch (error) {
    $("state").textContent = "";
    showError($("message"), error);
  } finally {
    $("run").disabled = false;
  }
}

async function start() {
  const models = await api("/api/models");
  for (const m of models) $("model").append(el("option", { value: m.name }, m.name));
  const wanted = new URLSearchParams(location.search).get("model");
  if (wanted && models.some((m) => m.name === wanted)) $("model").value = wanted;
  $("model").addEventListener("change", () => loadModel($("model").value).catch((e) => showError($("message"), e)));
  $("add-pert").addEventListener("click", () => {
    const target = $("pert-target").value, type = $("pert-type").value;
    if (!target || perturbations.some((p) => p.target === target)) return;
    perturbations.push({ target, type });
    drawPerturbations();
  });
  $("scenario-form").addEventListener("submit", run);
  await loadModel($("model").value);
}

start().catch((error) => showError($("message"), error));
