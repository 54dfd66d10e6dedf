// accord workbench: the page asks the server (POST /api/v1/run) and shows
// what it answers. It computes nothing: every number comes from the same
// answer layer as the command line.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { format: "toml", base: {}, moved: {}, off: new Set(), variants: [], valid: false, seq: 0 };

function sets() {
  const out = [];
  for (const [path, v] of Object.entries(state.moved)) out.push(`${path}=${v}`);
  for (const path of state.off) out.push(`${path}=off`);
  return out;
}

function body(request, render) {
  return JSON.stringify({
    scenario: { format: state.format, text: $("editor").value },
    set: sets(),
    request,
    render: render || "json",
  });
}

async function post(url, payload) {
  const r = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: payload });
  const text = await r.text();
  return { ok: r.ok, status: r.status, text };
}

function showErrors(text) {
  let e;
  try { e = JSON.parse(text); } catch (_) { e = { message: text, errors: [] }; }
  const list = $("errors");
  list.replaceChildren();
  for (const p of e.errors || []) {
    const li = document.createElement("li");
    const where = p.line ? `${p.file}:${p.line}:${p.column}: ` : "";
    li.textContent = where + p.message + (p.hint ? ` (hint: ${p.hint})` : "");
    if (p.line && p.file && p.file.startsWith("scenario")) {
      li.style.cursor = "pointer";
      li.title = "show this line in the editor";
      li.addEventListener("click", () => goTo(p.line, p.column));
    }
    list.appendChild(li);
  }
  return e;
}

function goTo(line, column) {
  const ed = $("editor");
  const lines = ed.value.split("\n");
  let offset = 0;
  for (let k = 0; k < line - 1 && k < lines.length; k++) offset += lines[k].length + 1;
  offset += Math.max(0, column - 1);
  ed.focus();
  ed.setSelectionRange(offset, offset + 1);
  ed.scrollTop = Math.max(0, (line - 5) * 16.8);
}

async function panel(id, request) {
  const el = $(id);
  el.classList.add("stale");
  const r = await post("/api/v1/run", body(request, "html"));
  el.classList.remove("stale");
  if (r.ok) {
    el.innerHTML = r.text;
    wire(el);
  } else {
    const e = JSON.parse(r.text);
    el.innerHTML = "";
    const p = document.createElement("p");
    p.className = "card neg";
    p.textContent = e.message;
    el.appendChild(p);
  }
  return r.ok;
}

// Buttons and scrubbers inside a panel.
function wire(el) {
  for (const b of el.querySelectorAll("[data-open-plan]")) {
    b.addEventListener("click", () => openPlan(b.dataset.openPlan));
  }
  for (const s of el.querySelectorAll("[data-scrub]")) {
    const rounds = s.closest(".scrubber").querySelectorAll(".round");
    s.addEventListener("input", () => rounds.forEach((r, k) => { r.hidden = k !== Number(s.value); }));
  }
}

async function openPlan(id) {
  state.plan = id;
  const el = $("plan");
  el.innerHTML = "";
  const ev = document.createElement("div");
  const rep = document.createElement("div");
  ev.id = "plan-evaluate";
  rep.id = "plan-repair";
  el.append(ev, rep);
  await panel("plan-evaluate", { command: "evaluate", deal: id });
  await panel("plan-repair", { command: "repair", deal: id, limit: 3 });
  el.scrollIntoView({ behavior: "smooth", block: "start" });
}

async function refresh() {
  if (!state.valid) return;
  const seq = ++state.seq;
  $("busy").hidden = false;
  showSets();
  await panel("zopa", { command: "analyze" });
  if (seq !== state.seq) return;
  await panel("frontier", { command: "frontier", parties: state.chartParties });
  await panel("leverage", { command: "leverage" });
  await mediate();
  if (state.plan) await openPlan(state.plan);
  await variants();
  if (seq === state.seq) $("busy").hidden = true;
}

async function mediate() {
  const press = $("press").value;
  if (!press) return;
  const request = { command: "mediate", press: [press], curve: true, limit: 3 };
  if ($("maximize").value) request.maximize = $("maximize").value;
  await panel("mediate", request);
}

function showSets() {
  const el = $("sets");
  el.replaceChildren();
  const all = sets();
  if (!all.length) {
    const s = document.createElement("span");
    s.className = "muted";
    s.textContent = "none yet";
    el.appendChild(s);
  }
  for (const s of all) {
    const c = document.createElement("code");
    c.textContent = `--set ${s}`;
    el.appendChild(c);
  }
}

let timer = null;
function later(f, ms) { clearTimeout(timer); timer = setTimeout(f, ms); }

async function validate() {
  const r = await post("/api/v1/run", body({ command: "check" }));
  if (r.ok) {
    const c = JSON.parse(r.text);
    state.valid = true;
    $("errors").replaceChildren();
    $("validity").className = "pos";
    $("validity").textContent = `Valid: ${c.scenario.parties.length} parties, ${c.scenario.issues.length} issues, ${c.outcomes.toLocaleString("en")} packages.`;
    $("scenario-name").textContent = c.scenario.name;
    parties(c);
    await controls();
    await refresh();
  } else {
    state.valid = false;
    const e = showErrors(r.text);
    $("validity").className = "neg";
    $("validity").textContent = r.status === 400 ? `${(e.errors || []).length} problem(s) in the scenario:` : e.message;
    for (const id of ["zopa", "frontier", "leverage", "mediate", "plan"]) $(id).classList.add("stale");
  }
}

function parties(c) {
  const vetoes = c.scenario.parties.filter((p) => p.veto).map((p) => p.id);
  // The chart's frontier: the first two veto parties (every party when fewer).
  state.chartParties = vetoes.length >= 2 ? vetoes.slice(0, 2) : null;
  const press = $("press"), max = $("maximize");
  const keep = press.value;
  press.replaceChildren();
  max.replaceChildren(new Option("the mediator", ""));
  for (const p of c.scenario.parties) {
    if (p.veto) press.appendChild(new Option(p.name, p.id));
    max.appendChild(new Option(p.name, p.id));
  }
  if (keep) press.value = keep;
}

async function controls() {
  const r = await post("/api/v1/controls", JSON.stringify({ scenario: { format: state.format, text: $("editor").value } }));
  if (!r.ok) return;
  const c = JSON.parse(r.text);
  const box = $("controls");
  const open = new Set([...box.querySelectorAll("details[open]")].map((d) => d.dataset.group));
  box.replaceChildren();
  const groups = new Map();
  const group = (g) => {
    if (!groups.has(g)) {
      const d = document.createElement("details");
      d.className = "group";
      d.dataset.group = g;
      if (open.has(g) || groups.size === 0) d.open = true;
      const s = document.createElement("summary");
      s.textContent = g === "mediation" ? "Mediation" : g;
      d.appendChild(s);
      box.appendChild(d);
      groups.set(g, d);
    }
    return groups.get(g);
  };
  state.base = {};
  for (const k of c.controls) {
    state.base[k.path] = k.value;
    const row = document.createElement("div");
    row.className = "control";
    const id = "c-" + k.path.replace(/[^a-zA-Z0-9_-]/g, "_");
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = k.label.replace(/^[^:]*: /, "");
    const out = document.createElement("output");
    const input = document.createElement("input");
    Object.assign(input, { type: "range", id, min: k.min, max: k.max, step: k.step });
    input.dataset.path = k.path;
    const current = state.moved[k.path] ?? k.value;
    input.value = current;
    out.textContent = Number(current).toFixed(2);
    if (k.path in state.moved) row.classList.add("moved");
    input.addEventListener("input", () => { out.textContent = Number(input.value).toFixed(2); });
    input.addEventListener("change", () => {
      if (Math.abs(Number(input.value) - k.value) < 1e-12) delete state.moved[k.path];
      else state.moved[k.path] = input.value;
      row.classList.toggle("moved", k.path in state.moved);
      refresh();
    });
    row.append(label, out, input);
    group(k.group).appendChild(row);
  }
  for (const s of c.red_lines) {
    const row = document.createElement("div");
    row.className = "control";
    const label = document.createElement("label");
    const box2 = document.createElement("input");
    box2.type = "checkbox";
    box2.checked = !state.off.has(s.path);
    box2.dataset.path = s.path;
    box2.addEventListener("change", () => {
      if (box2.checked) state.off.delete(s.path); else state.off.add(s.path);
      refresh();
    });
    label.append(box2, ` Red line: ${s.label}`);
    row.appendChild(label);
    group(s.group).appendChild(row);
  }
  // Party groups are named by the party's id: show names instead.
  for (const d of groups.values()) {
    const opt = [...$("maximize").options].find((o) => o.value === d.dataset.group);
    if (opt) d.querySelector("summary").textContent = opt.textContent;
  }
}

// Monte Carlo with progress, over server-sent events.
async function robust() {
  const bar = $("robust-progress");
  bar.hidden = false;
  bar.value = 0;
  const samples = Number($("samples").value) || 2000;
  const r = await fetch("/api/v1/run", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: body({ command: "robust", samples }, "html"),
  });
  if (!r.ok) {
    $("robust").textContent = JSON.parse(await r.text()).message;
    bar.hidden = true;
    return;
  }
  const reader = r.body.getReader();
  const dec = new TextDecoder();
  let buf = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buf += dec.decode(value, { stream: true });
    let k;
    while ((k = buf.indexOf("\n\n")) >= 0) {
      const raw = buf.slice(0, k);
      buf = buf.slice(k + 2);
      let event = "message";
      const data = [];
      for (const line of raw.split("\n")) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
      const text = data.join("\n");
      if (event === "progress") {
        const p = JSON.parse(text);
        if (p.total) { bar.max = p.total; bar.value = p.done; }
      } else if (event === "result") {
        $("robust").innerHTML = text;
      } else if (event === "error") {
        const fixed = sets().length ? " Your what-ifs may have fixed the uncertain numbers: \"Back to the scenario\" restores them." : "";
        $("robust").textContent = JSON.parse(text).message + "." + fixed;
      }
    }
  }
  bar.hidden = true;
}

async function variants() {
  const box = $("variants");
  if (!state.variants.length) { box.replaceChildren(); return; }
  const table = document.createElement("table");
  table.className = "t";
  const head = table.insertRow();
  for (const h of ["Variant", "What-ifs", "Zone (packages)", "Nash deal: margins"]) {
    const th = document.createElement("th");
    th.textContent = h;
    head.appendChild(th);
  }
  for (const v of state.variants) {
    const payload = JSON.stringify({ scenario: { format: state.format, text: $("editor").value }, set: v.sets, request: { command: "analyze" } });
    const r = await post("/api/v1/run", payload);
    const row = table.insertRow();
    row.insertCell().textContent = v.name;
    row.insertCell().textContent = v.sets.join(", ") || "the scenario as written";
    if (!r.ok) { row.insertCell().textContent = JSON.parse(r.text).message; continue; }
    const a = JSON.parse(r.text);
    row.insertCell().textContent = a.zopa.empty ? "none" : a.zopa.count.toLocaleString("en");
    const n = a.solutions.nash;
    row.insertCell().textContent = n ? Object.entries(n.margins).map(([p, x]) => `${p} ${x >= 0 ? "+" : ""}${x.toFixed(3)}`).join(", ") : "—";
  }
  box.replaceChildren(table);
}

// The briefing (the same as `accord report`), saved as one HTML file.
async function exportBriefing() {
  const button = $("export");
  button.disabled = true;
  button.textContent = "Preparing briefing…";
  const samples = Number($("samples").value) || 2000;
  const r = await post("/api/v1/run", body({ command: "report", samples }, "html"));
  button.disabled = false;
  button.textContent = "Export briefing";
  if (!r.ok) { $("export-status").textContent = JSON.parse(r.text).message; return; }
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([r.text], { type: "text/html" }));
  a.download = "briefing.html";
  a.id = "briefing-link";
  a.textContent = "briefing.html";
  $("export-status").replaceChildren("Briefing ready: ", a);
  a.click();
}

async function start() {
  const s = await (await fetch("/api/v1/scenario")).json();
  state.format = s.format;
  $("editor").value = s.text;
  $("editor").addEventListener("input", () => later(validate, 600));
  $("reset").addEventListener("click", () => { state.moved = {}; state.off.clear(); controls().then(refresh); });
  $("save-variant").addEventListener("click", () => {
    state.variants.push({ name: `Variant ${state.variants.length + 1}`, sets: sets() });
    variants();
  });
  $("press").addEventListener("change", mediate);
  $("maximize").addEventListener("change", mediate);
  $("run-robust").addEventListener("click", robust);
  $("run-simulate").addEventListener("click", () => panel("simulate", { command: "simulate", protocol: $("protocol").value }));
  $("export").addEventListener("click", exportBriefing);
  await validate();
}

document.addEventListener("DOMContentLoaded", start);
