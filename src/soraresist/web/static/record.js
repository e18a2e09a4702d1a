// Record page: one evidence record, its interactions, entities and references as DOI links.
import { api, doiLink, effectClass, el, showError } from "/static/app.js";

const FIELDS = [
  ["source", "Source"], ["table_section", "Table section"], ["subject_as_written", "Subject as written"],
  ["subject_type", "Subject type"], ["category", "Category"],
  ["change_in_resistance", "Change in resistance"], ["effect_on_sorafenib", "Effect on sorafenib"],
  ["pathway", "Pathways"], ["pathway_as_written", "Pathway as written"], ["mechanism", "Mechanism"],
  ["model_system", "Model system"], ["note", "Note"], ["file", "Curated in"],
];

function value(record, key) {
  const v = record[key];
  if (key === "effect_on_sorafenib") return el("span", { class: effectClass(v) }, v);
  if (key === "pathway") return v.length ? v.map((p) => el("span", { class: "pill" }, p)) : "none stated";
  if (key === "file") return `${v}${record.line ? `, line ${record.line}` : ""}`;
  return v === null || v === undefined ? "not stated" : String(v);
}

async function start() {
  const id = decodeURIComponent(location.pathname.split("/").pop());
  const record = await api(`/api/atlas/records/${encodeURIComponent(id)}`);
  document.title = `${record.id} · soraresist`;
  document.getElementById("title").textContent = `${record.id}: ${record.subject || "no subject"}`;
  document.getElementById("fields").replaceChildren(...FIELDS.filter(([k]) => k in record)
    .flatMap(([k, label]) => [el("dt", {}, label), el("dd", { "data-field": k }, value(record, k))]));
  document.querySelector("#interactions tbody").replaceChildren(...record.interactions.map((i) =>
    el("tr", {}, el("td", {}, i.source), el("td", {}, i.type), el("td", {}, i.target),
       el("td", {}, i.canonical ? `yes ${i.xref || ""}` : ""))));
  document.querySelector("#entities tbody").replaceChildren(...record.entities.map((e) =>
    el("tr", {}, el("td", {}, e.id), el("td", {}, e.type), el("td", {}, e.name || ""),
       el("td", {}, e.synonyms.join(", ")))));
  document.getElementById("references").replaceChildren(...record.references.map((r) =>
    el("li", { value: r.number }, `${r.citation || r.title || ""} `, doiLink(r))));
}

start().catch((error) => showError(document.getElementById("message"), error));
