// Atlas browser: filters from /api/atlas/vocabulary, results from /api/atlas/search.
import { api, el, effectClass, showError, sortableTable } from "/static/app.js";

const form = document.getElementById("search-form");
const fields = ["q", "category", "pathway", "effect", "source"];
const menus = { category: "categories", pathway: "pathways", effect: "effects", source: "sources" };

function renderRow(r) {
  return el("tr", { "data-id": r.evidence_id },
    el("td", {}, el("a", { href: `/records/${encodeURIComponent(r.evidence_id)}` }, r.evidence_id)),
    el("td", {}, r.subject_as_written || r.subject || ""),
    el("td", {}, r.category),
    el("td", {}, el("span", { class: effectClass(r.effect_on_sorafenib) }, r.effect_on_sorafenib)),
    el("td", {}, r.pathway.map((p) => el("span", { class: "pill" }, p))),
    el("td", {}, r.references.join(", ")),
    el("td", {}, r.mechanism));
}

async function runSearch() {
  const params = new URLSearchParams();
  for (const name of fields) {
    const value = document.getElementById(name).value.trim();
    if (value) params.set(name, value);
  }
  history.replaceState(null, "", params.toString() ? `/?${params}` : "/");
  const message = document.getElementById("message");
  message.replaceChildren();
  try {
    const found = await api(`/api/atlas/search?${params}`);
    document.getElementById("count").textContent =
      `${found.count} record${found.count === 1 ? "" : "s"}`;
    sortableTable(document.getElementById("results"), found.records, renderRow);
  } catch (error) {
    document.getElementById("count").textContent = "";
    document.getElementById("results").tBodies[0].replaceChildren();
    showError(message, error);
  }
}

async function start() {
  const vocabulary = await api("/api/atlas/vocabulary");
  for (const [field, key] of Object.entries(menus)) {
    const select = document.getElementById(field);
    for (const value of vocabulary[key]) select.append(el("option", { value }, value));
  }
  const initial = new URLSearchParams(location.search);
  for (const name of fields) if (initial.has(name)) document.getElementById(name).value = initial.get(name);
  form.addEventListener("submit", (event) => { event.preventDefault(); runSearch(); });
  form.addEventListener("reset", () => setTimeout(runSearch, 0));
  for (const name of fields.slice(1)) document.getElementById(name).addEventListener("change", runSearch);
  await runSearch();
}

start().catch((error) => showError(document.getElementById("message"), error));
