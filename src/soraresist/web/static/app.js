// Shared helpers of the pages: JSON calls that surface the API's one-line errors, DOM building.

export async function api(path, options = {}) {
  const response = await fetch(path, options);
  let body = null;
  try { body = await response.json(); } catch { body = { detail: response.statusText }; }
  if (!response.ok) throw new Error(body && body.detail ? body.detail : response.statusText);
  return body;
}

export function postJSON(path, data) {
  return api(path, { method: "POST", headers: { "content-type": "application/json" },
                     body: JSON.stringify(data) });
}

// Poll a job at `path` until it is done (answers its result) or failed (throws its error);
// `show(job)` draws each answer's status and progress.
export async function pollJob(path, show) {
  for (;;) {
    const job = await api(path);
    show(job);
    if (job.status === "done") return job.result;
    if (job.status === "failed") throw new Error(job.error);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// el("a", {href: "/x", class: "pill"}, "text", childNode): text is always set as text, never HTML.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function showError(target, error) {
  target.replaceChildren(el("p", { class: "error", role: "alert" }, error.message || String(error)));
}

export function effectClass(effect) {
  if (effect === "confers resistance") return "pill resist";
  if (effect === "sensitises") return "pill sensit";
  return "pill";
}

export function doiLink(reference) {
  if (!reference.url) return el("span", { class: "muted" }, "no DOI");
  return el("a", { href: reference.url, target: "_blank", rel: "noopener" }, `doi:${reference.doi}`);
}

// Make a table sortable by clicking its headers; `rows` are objects, `render` draws one row.
export function sortableTable(table, rows, render) {
  let key = null, direction = 1;
  const body = table.tBodies[0] || table.appendChild(document.createElement("tbody"));
  const draw = () => {
    const sorted = key === null ? rows : [...rows].sort((a, b) => {
      const x = sortValue(a[key]), y = sortValue(b[key]);
      return (x < y ? -1 : x > y ? 1 : 0) * direction;
    });
    body.replaceChildren(...sorted.map(render));
  };
  for (const th of table.querySelectorAll("th[data-key]")) {
    th.onclick = () => {
      direction = key === th.dataset.key ? -direction : 1;
      key = th.dataset.key;
      for (const other of table.querySelectorAll("th")) other.classList.remove("asc", "desc");
      th.classList.add(direction > 0 ? "asc" : "desc");
      draw();
    };
  }
  draw();
}

function sortValue(value) {
  if (Array.isArray(value)) value = value.length ? value[0] : "";
  if (value === null || value === undefined) return "";
  return typeof value === "number" ? value : String(value).toLowerCase();
}
