// Network view: the model drawn with Cytoscape.js; a click on a node shows its rule and evidence.
import { api, effectClass, el, showError } from "/static/app.js";
import { PALETTE } from "/static/plot.js";

const KIND_SHAPE = { node: "ellipse", input: "round-rectangle", drug: "diamond", phenotype: "star" };
const KIND_COLOUR = { drug: "#cf222e", phenotype: "#1a7f37" };
let cy = null;

function colourOf(node, modules) {
  if (KIND_COLOUR[node.kind]) return KIND_COLOUR[node.kind];
  if (node.module) return PALETTE[modules.indexOf(node.module) % PALETTE.length];
  return node.kind === "input" ? "#8c959f" : "#1f6feb";
}

function legend(modules) {
  const items = modules.length
    ? modules.map((m, i) => [m, PALETTE[i % PALETTE.length]])
    : [["node", "#1f6feb"], ["input (kept at its initial value)", "#8c959f"]];
  items.push(["drug (◆)", KIND_COLOUR.drug], ["phenotype (★)", KIND_COLOUR.phenotype]);
  document.getElementById("legend").replaceChildren(...items.map(([label, colour]) =>
    el("span", {}, el("i", { style: `background:${colour}` }), label)));
}

async function showNode(model, id) {
  const details = document.getElementById("details");
  try {
    const node = await api(`/api/models/${encodeURIComponent(model)}/nodes/${encodeURIComponent(id)}`);
    const evidence = node.evidence.length
      ? el("ul", {}, node.evidence.map((r) => el("li", {},
          el("a", { href: `/records/${encodeURIComponent(r.evidence_id)}` }, r.evidence_id), " ",
          el("span", { class: effectClass(r.effect_on_sorafenib) }, r.effect_on_sorafenib), " ",
          r.mechanism)))
      : el("p", { class: "muted" }, "No atlas record is linked to this node.");
    details.replaceChildren(
      el("h2", { id: "node-name" }, node.id),
      el("p", {}, el("span", { class: "pill" }, node.kind), node.module ? el("span", { class: "pill" }, node.module) : null),
      el("h3", {}, "Rule"), el("pre", { class: "rule", id: "node-rule" }, `${node.id} = ${node.rule}`),
      el("p", {}, el("b", {}, "Regulators: "), node.regulators.join(", ") || "none"),
      el("p", {}, el("b", {}, "Targets: "), node.targets.join(", ") || "none"),
      el("p", { class: "muted" }, `initial ${node.initial}, rate up ${node.rate_up}, rate down ${node.rate_down}`),
      node.inputs.length ? el("h3", {}, "Incoming edges") : null,
      node.inputs.length ? el("ul", {}, node.inputs.map((e) => el("li", {},
        `${e.source} ${e.sign === -1 ? "⊣" : "→"} ${e.target} `,
        (e.evidence_ids || []).map((id) => el("a", { class: "pill", href: `/records/${encodeURIComponent(id)}` }, id))))) : null,
      el("h3", {}, "Evidence"), evidence);
  } catch (error) { showError(details, error); }
}

async function draw(model) {
  const graph = await api(`/api/models/${encodeURIComponent(model)}`);
  const modules = [...new Set(graph.nodes.filter((n) => !KIND_COLOUR[n.kind])
    .map((n) => n.module).filter(Boolean))].sort();
  legend(modules);
  document.getElementById("summary").textContent =
    `${graph.nodes.length} nodes, ${graph.edges.length} edges — ${graph.description}`;
  const elements = [
    ...graph.nodes.map((n) => ({ data: { id: n.id, label: n.id, colour: colourOf(n, modules),
                                         shape: KIND_SHAPE[n.kind] || "ellipse" } })),
    ...graph.edges.map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target,
      colour: e.sign === -1 ? "#cf222e" : e.sign === 1 ? "#1a7f37" : "#9aa3b2",
      arrow: e.sign === -1 ? "tee" : "triangle" } })),
  ];
  if (cy) cy.destroy();
  cy = window.cytoscape({
    container: document.getElementById("cy"), elements, wheelSensitivity: 0.3, maxZoom: 1.6,
    style: [
      { selector: "node", style: { "background-color": "data(colour)", shape: "data(shape)",
        label: "data(label)", "font-size": 9, color: "#1d2330", "text-valign": "bottom",
        "text-margin-y": 2, width: 18, height: 18 } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#14213d" } },
      { selector: "edge", style: { width: 1.2, "line-color": "data(colour)", "curve-style": "bezier",
        "target-arrow-color": "data(colour)", "target-arrow-shape": "data(arrow)", "arrow-scale": 0.8 } },
    ],
    layout: { name: graph.nodes.length > 260 ? "concentric" : "cose", animate: false,
              randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 40 },
  });
  cy.on("tap", "node", (event) => showNode(model, event.target.id()));
  window.soraresistGraph = cy;  // for tests and the browser console
}

async function start() {
  const models = await api("/api/models");
  const select = document.getElementById("model");
  for (const m of models) select.append(el("option", { value: m.name }, `${m.name} (${m.n_nodes} nodes)`));
  const wanted = new URLSearchParams(location.search).get("model");
  if (wanted && models.some((m) => m.name === wanted)) select.value = wanted;
  select.addEventListener("change", () => {
    history.replaceState(null, "", `/network?model=${encodeURIComponent(select.value)}`);
    draw(select.value).catch((e) => showError(document.getElementById("message"), e));
  });
  document.getElementById("model-form").addEventListener("submit", (e) => e.preventDefault());
  document.getElementById("find").addEventListener("change", (event) => {
    const node = cy && cy.getElementById(event.target.value.trim());
    if (node && node.length) { cy.$(":selected").unselect(); node.select(); cy.center(node); showNode(select.value, node.id()); }
  });
  await draw(select.value);
}

start().catch((error) => showError(document.getElementById("message"), error));
