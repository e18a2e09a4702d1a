// Validation page: run the review's claims (or a posted JSON list) as a job, then show the
// pass/fail counts of each mechanism family as stacked bars and every claim in a sortable table.
import { el, pollJob, postJSON, showError, sortableTable } from "/static/app.js";

const $ = (id) => document.getElementById(id);
const STATUSES = ["pass", "fail", "out_of_scope", "error", "untestable"];
const LABELS = { pass: "pass", fail: "fail", out_of_scope: "out of scope", error: "error",
                 untestable: "untestable" };
let claims = [];

function segments(counts) {
  const total = STATUSES.reduce((sum, s) => sum + counts[s], 0) || 1;
  return el("div", { class: "bar", role: "img", "aria-label": describe(counts) },
    STATUSES.filter((s) => counts[s] > 0).map((s) => el("div", {
      class: `seg ${s}`, style: `width: ${(100 * counts[s]) / total}%`,
      title: `${counts[s]} ${LABELS[s]}` })));
}

function describe(counts) {
  return STATUSES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${LABELS[s]}`).join(" · ");
}

function rate(summary) {
  return summary.pass_rate === null ? "–" : `${Math.round(100 * summary.pass_rate)}%`;
}

function familyRow(summary, total = false) {
  const name = total ? "all families" : summary.family;
  const label = total ? el("span", {}, name) : el("button", {
    type: "button", "data-family": summary.family,
    onclick: () => { $("family-filter").value = $("family-filter").value === summary.family
      ? "" : summary.family; drawClaims(); } }, name);
  return el("div", { class: total ? "family-bar total" : "family-bar", "data-family": name },
    label, segments(summary.counts), el("span", {}, describe(summary.counts)),
    el("span", { title: "pass rate over pass + fail" }, rate(summary)));
}

function effectCell(c) {
  if (c.effect === null) return el("td", { class: "num muted" }, "");
  return el("td", { class: "num", title: `${c.arm_b}: ${c.value_b.toFixed(3)}; `
                                         + `${c.arm_a}: ${c.value_a.toFixed(3)}` },
    `${c.effect >= 0 ? "+" : "−"}${Math.abs(c.effect).toFixed(3)} ± ${c.stderr.toFixed(3)}`);
}

function components(c) {
  if (!c.components) return "";
  const parts = Object.entries(c.components)
    .map(([name, [a, b]]) => `${name} ${a.toFixed(2)}/${b.toFixed(2)}`);
  return `\nread-outs behind the index (arm A/arm B): ${parts.join(", ")}`;
}

function claimRow(c) {
  const why = c.cause ? `why it fails: ${c.cause}\n` : "";
  const detail = c.trace ? why + c.trace + components(c) : c.message;
  return el("tr", { "data-id": c.id, "data-status": c.status },
    el("td", {}, c.id),
    el("td", {}, c.family),
    el("td", {}, c.claim, detail ? el("details", {}, el("summary", { class: "muted" },
      c.trace ? "path in the model" : "note"), el("pre", {}, detail)) : null),
    el("td", {}, c.expected || ""),
    el("td", {}, c.predicted || ""),
    effectCell(c),
    el("td", { class: `status-${c.status}` },
       el("span", { class: c.status === "pass" || c.status === "fail" ? c.status : "" },
          LABELS[c.status]),
       c.borderline ? el("span", { class: "muted", title: "a shift of the effect by two "
         + "standard errors would change this call; another seed may call it otherwise" },
         " ~") : null),
    el("td", {}, c.evidence.map((id) => el("a", { class: "pill",
      href: `/records/${encodeURIComponent(id)}` }, id))));
}

function drawClaims() {
  const family = $("family-filter").value, status = $("status-filter").value;
  for (const button of document.querySelectorAll("#families button")) {
    button.classList.toggle("selected", button.dataset.family === family);
  }
  const shown = claims.filter((c) => (!family || c.family === family)
                                     && (!status || c.status === status));
  $("claim-count").textContent = `${shown.length} of ${claims.length} claims`;
  for (const th of document.querySelectorAll("#claims th")) th.classList.remove("asc", "desc");
  sortableTable($("claims"), shown, claimRow);
}

function drawResult(result) {
  claims = result.results;
  $("legend").replaceChildren(...STATUSES.map((s) => el("span", {}, el("i", { class: s }),
    LABELS[s])), el("span", {}, `${result.samples} trajectories per arm, seed ${result.seed}, `
    + `threshold ${result.threshold}, ${result.seconds.toFixed(1)} s`));
  $("families").replaceChildren(familyRow(result.total, true),
                                ...result.families.map((f) => familyRow(f)));
  $("family-filter").replaceChildren(el("option", { value: "" }, "any"),
    ...result.families.map((f) => el("option", { value: f.family }, f.family)));
  $("status-filter").replaceChildren(el("option", { value: "" }, "any"),
    ...STATUSES.map((s) => el("option", { value: s }, LABELS[s])));
  $("summary").hidden = false;
  $("claims-section").hidden = false;
  drawClaims();
}

function showJob(job) {
  if (job.progress > 0 || job.status === "done") $("progress").value = job.progress;
  else $("progress").removeAttribute("value");  // no fraction yet: an indeterminate bar
  $("state").textContent = job.status === "done" ? "done" : `${job.status}…`;
}

async function postedScenarios() {
  const file = $("file").files[0];
  if (!file) throw new Error("choose a scenario file (a JSON list of scenarios) first");
  try {
    return JSON.parse(await file.text());
  } catch (error) {
    throw new Error(`${file.name} is not valid JSON: ${error.message}`);
  }
}

async function run(event) {
  event.preventDefault();
  $("message").replaceChildren();
  $("run").disabled = true;
  try {
    const body = { samples: Number($("samples").value), seed: Number($("seed").value) };
    if ($("source").value === "file") body.scenarios = await postedScenarios();
    $("progress").hidden = false;
    const job = await postJSON("/api/validations", body);
    drawResult(await pollJob(`/api/validations/${job.id}`, showJob));
  } catch (error) {
    $("state").textContent = "";
    $("progress").hidden = true;
    showError($("message"), error);
  } finally {
    $("run").disabled = false;
  }
}

$("source").addEventListener("change", () => { $("file-label").hidden = $("source").value !== "file"; });
$("family-filter").addEventListener("change", drawClaims);
$("status-filter").addEventListener("change", drawClaims);
$("validation-form").addEventListener("submit", run);
