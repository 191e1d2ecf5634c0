/* Chronicle timeline page: a zoomable SVG timeline, an accessible list and
 * a details panel, all fed by /api/events/ (cursor-paginated).
 *
 * Time is measured in days since 1970-01-01 (UTC) as floating numbers; the
 * view is a window [start, end) of days mapped onto the SVG's width. Events
 * are loaded for a window a bit larger than the view and reloaded when the
 * view leaves it (or when a capped load is zoomed into). When zoomed out,
 * events falling into the same few pixels are drawn as one numbered cluster.
 * Nothing is fetched from outside this site.
 */
(function () {
  "use strict";

  const DAY_MS = 86400000;
  const PAGE_SIZE = 500;
  const LOAD_CAP = 12000;          // events per window load; beyond, zoom in for the rest
  const BIN_PX = 34;               // clustering bin width
  const SPAN_MIN_PX = 10;          // a span narrower than this is drawn as a point
  const MAX_LANES = 5;
  const LIST_STEP = 200;
  const SLICES = 4;                // date slices of a window loaded side by side
  const MIN_RANGE_DAYS = 10;
  const MAX_RANGE_DAYS = 365.25 * 400;
  const FILTER_KEYS = ["date_from", "date_to", "type", "person", "place", "source", "q"];
  const PALETTE = ["#3b6ea8", "#b5562b", "#2f8a62", "#8a4fa3", "#b38b00", "#c0406a",
                   "#2b8a9a", "#6b6f2a", "#7a5c3e", "#4d5fc1"];

  const $ = (sel) => document.querySelector(sel);
  const svg = $("#timeline-svg");
  const box = $("#timeline");
  const listEl = $("#event-list");
  const statusEl = $("#status");

  const state = {
    filters: {},
    view: null,           // {start, end} in days
    extent: null,         // {start, end} of the whole selection
    events: [],           // loaded events, sorted by sort day
    byId: new Map(),
    loaded: null,         // {start, end, capped, key}
    loading: null,        // AbortController of the running load
    selected: null,
    listLimit: LIST_STEP,
    inView: [],
  };

  // --- dates ---------------------------------------------------------------------------------

  function dayOf(iso) {
    if (!iso) return null;
    const [y, m, d] = iso.split("-").map(Number);
    const date = new Date(Date.UTC(2000, m - 1, d));
    date.setUTCFullYear(y);
    return date.getTime() / DAY_MS;
  }

  function dateOf(day) {
    return new Date(Math.round(day) * DAY_MS);
  }

  function isoOf(day) {
    const date = dateOf(day);
    const y = String(date.getUTCFullYear()).padStart(4, "0");
    return `${y}-${String(date.getUTCMonth() + 1).padStart(2, "0")}-${String(date.getUTCDate()).padStart(2, "0")}`;
  }

  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  /* Geometry of an event: [s, e) in days, where to put its mark, and its kind. */
  function prepare(ev) {
    const d = ev.date || {};
    const openStart = !d.earliest || d.earliest.startsWith("0001-");
    const openEnd = !d.latest || d.latest.startsWith("9999-");
    let s = openStart ? null : dayOf(d.earliest);
    let e = openEnd ? null : dayOf(d.latest) + 1;
    if (s === null && e === null) { ev._undated = true; return ev; }
    if (s === null) s = e - 1;
    if (e === null) e = s + 1;
    const edtf = d.edtf || "";
    ev._s = s; ev._e = e;
    ev._openStart = openStart; ev._openEnd = openEnd;
    ev._span = edtf.includes("/") || edtf.startsWith("{");
    ev._inexact = !!(d.approximate || d.uncertain);
    ev._imprecise = !ev._span && e - s > 1;
    ev._at = ev._span ? s : (s + e) / 2;
    ev._sort = d.sort ? dayOf(d.sort) : s;
    ev._color = colorOf(ev.type ? ev.type.slug : "");
    return ev;
  }

  function colorOf(slug) {
    let h = 0;
    for (const ch of slug) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    return PALETTE[h % PALETTE.length];
  }

  function esc(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, (c) => (
      { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }

  function dateLabel(ev) {
    const d = ev.date || {};
    const text = (d.text || "").trim();
    const display = d.display || d.edtf || "";
    if (text && display && text !== display) return `${text} (${display})`;
    return text || display || "undated";
  }

  // --- filters and the URL ---------------------------------------------------------------------

  function readFiltersFromUrl() {
    const params = new URLSearchParams(location.search);
    const filters = {};
    for (const key of FILTER_KEYS) {
      const value = params.get(key);
      if (value) filters[key] = value;
    }
    state.filters = filters;
    const view = params.get("view");
    if (view && view.includes("..")) {
      const [a, b] = view.split("..").map(dayOf);
      if (Number.isFinite(a) && Number.isFinite(b) && b > a) state.view = { start: a, end: b };
    }
    const selected = Number(params.get("event"));
    state.selected = selected > 0 ? selected : null;
  }

  function fillForm() {
    const f = state.filters;
    $("#f-date-from").value = f.date_from || "";
    $("#f-date-to").value = f.date_to || "";
    $("#f-person").value = f.person || "";
    $("#f-place").value = f.place || "";
    $("#f-source").value = f.source || "";
    $("#f-q").value = f.q || "";
    const types = new Set((f.type || "").split(",").filter(Boolean));
    document.querySelectorAll('#f-types input[type=checkbox]').forEach((box) => {
      box.checked = types.has(box.value);
    });
    updateTypesSummary();
  }

  function readForm() {
    const filters = {};
    const put = (key, value) => { value = (value || "").trim(); if (value) filters[key] = value; };
    put("date_from", $("#f-date-from").value);
    put("date_to", $("#f-date-to").value);
    put("person", $("#f-person").value);
    put("place", $("#f-place").value);
    put("source", $("#f-source").value);
    put("q", $("#f-q").value);
    const types = [...document.querySelectorAll('#f-types input[type=checkbox]:checked')].map((b) => b.value);
    put("type", types.join(","));
    return filters;
  }

  function updateTypesSummary() {
    const checked = [...document.querySelectorAll('#f-types input[type=checkbox]:checked')];
    $("#types-summary").textContent = checked.length === 0 ? "Types: all"
      : checked.length <= 2 ? "Types: " + checked.map((b) => b.parentElement.textContent.trim()).join(", ")
      : `Types: ${checked.length} chosen`;
  }

  function filterQuery(extra) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(state.filters)) params.set(k, v);
    for (const [k, v] of Object.entries(extra || {})) if (v !== undefined && v !== null) params.set(k, v);
    return params;
  }

  let urlTimer = null;
  function syncUrl() {
    clearTimeout(urlTimer);
    urlTimer = setTimeout(() => {
      const params = filterQuery();
      if (state.view) params.set("view", `${isoOf(state.view.start)}..${isoOf(state.view.end)}`);
      if (state.selected) params.set("event", state.selected);
      const query = params.toString();
      history.replaceState(null, "", query ? `?${query}` : location.pathname);
    }, 150);
  }

  function updateExportLinks() {
    document.querySelectorAll("#export-buttons a[data-format]").forEach((a) => {
      a.href = "/api/export/?" + filterQuery({ format: a.dataset.format }).toString();
    });
  }

  // --- loading ---------------------------------------------------------------------------------

  async function fetchJson(url, signal) {
    const response = await fetch(url, { signal, headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error("request failed");
      error.body = body;
      throw error;
    }
    return body;
  }

  function showFilterError(body) {
    const el = $("#filter-error");
    if (!body) { el.hidden = true; el.textContent = ""; return; }
    const parts = Object.entries(body).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(" ") : v}`);
    el.textContent = "Please check the filters — " + parts.join("; ");
    el.hidden = false;
  }

  /* The first and last day of the whole selection (two one-row requests, side by side). */
  async function loadExtent() {
    const [first, last] = await Promise.all([
      fetchJson("/api/events/?" + filterQuery({ ordering: "date", page_size: 1 })),
      fetchJson("/api/events/?" + filterQuery({ ordering: "-date", page_size: 1 })),
    ]);
    const a = (first.results || []).map(prepare).find((e) => !e._undated);
    const b = (last.results || []).map(prepare).find((e) => !e._undated);
    if (!a || !b) return null;
    let start = Math.min(a._s, b._s), end = Math.max(a._e, b._e);
    const from = dayOf(state.filters.date_from && normaliseDay(state.filters.date_from, false));
    const to = dayOf(state.filters.date_to && normaliseDay(state.filters.date_to, true));
    if (from !== null && from > start) start = from;
    if (to !== null && to < end) end = to + 1;
    const pad = Math.max((end - start) * 0.04, 15);
    return { start: start - pad, end: end + pad };
  }

  function normaliseDay(value, last) {
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value.trim());
    if (!m) return null;
    const y = m[1];
    if (m[3]) return `${y}-${m[2]}-${m[3]}`;
    if (m[2]) {
      if (!last) return `${y}-${m[2]}-01`;
      const days = new Date(Date.UTC(2000, Number(m[2]), 0)).getUTCDate();
      return `${y}-${m[2]}-${days}`;
    }
    return last ? `${y}-12-31` : `${y}-01-01`;
  }

  function filtersKey() { return JSON.stringify(state.filters); }

  function needsLoad() {
    if (!state.view) return false;
    const L = state.loaded;
    if (!L || L.key !== filtersKey()) return true;
    const width = state.view.end - state.view.start;
    const outside = state.view.start < L.start || state.view.end > L.end;
    const tooCoarse = L.capped && (L.end - L.start) > width * 3;
    return outside || tooCoarse;
  }

  let loadTimer = null;
  function scheduleLoad(delay) {
    clearTimeout(loadTimer);
    loadTimer = setTimeout(() => {
      loadTimer = null;
      if (needsLoad()) loadWindow(); else updateReadiness();
    }, delay == null ? 250 : delay);
  }

  /* ``body[data-state=ready]`` (a hook for tests and assistive tools) means the
   * timeline and the list show the finished load of the current filters and
   * view: no filter change waiting for its extent, no window load running or
   * scheduled, no drawing pending (the list is made from what the last
   * drawing found in view, so a list made before a pending drawing is stale). */
  function updateReadiness() {
    const busy = state.loading || state.pending || loadTimer !== null || frame !== null || listTimer !== null;
    document.body.dataset.state = busy ? "loading" : "ready";
  }

  /* Load every event overlapping [start, end) of the view (plus margins). The
   * window is cut into a few date slices fetched side by side, each following
   * its own cursor, so a big window arrives several times faster; an event
   * crossing a slice boundary comes twice and is kept once (by id). */
  async function loadWindow() {
    if (state.loading) state.loading.abort();
    const controller = new AbortController();
    state.loading = controller;
    document.body.dataset.state = "loading";
    const width = state.view.end - state.view.start;
    let start = state.view.start - width * 0.75;
    let end = state.view.end + width * 0.75;
    if (state.extent) { start = Math.max(start, state.extent.start); end = Math.min(end, state.extent.end); }
    const userFrom = dayOf(state.filters.date_from && normaliseDay(state.filters.date_from, false));
    const userTo = dayOf(state.filters.date_to && normaliseDay(state.filters.date_to, true));
    const from = userFrom !== null ? Math.max(start, userFrom) : start;
    const to = userTo !== null ? Math.min(end - 1, userTo) : end - 1;
    const key = filtersKey();
    const slices = Math.max(1, Math.min(SLICES, Math.floor((to - from) / 30)));
    const fresh = new Map();
    let capped = false;
    let pagesSinceDraw = 0;
    setStatus("Loading events…");
    box.setAttribute("aria-busy", "true");
    // Whole-day slice boundaries: slice i is [cuts[i], cuts[i + 1] - 1], no day left out.
    const cuts = [...Array(slices + 1).keys()].map((i) =>
      i === slices ? Math.floor(to) + 1 : Math.floor(from + ((to - from) * i) / slices));
    async function walk(i) {
      let url = "/api/events/?" + filterQuery({
        date_from: isoOf(cuts[i]), date_to: isoOf(cuts[i + 1] - 1), ordering: "date", page_size: PAGE_SIZE,
      });
      while (url && !controller.signal.aborted) {
        const page = await fetchJson(url, controller.signal);
        // A newer load may have started while this response was read: a page
        // of the older window must not be drawn over the newer one.
        if (controller.signal.aborted) return;
        for (const ev of page.results || []) fresh.set(ev.id, prepare(ev));
        if (++pagesSinceDraw >= slices || fresh.size <= PAGE_SIZE * slices) { pagesSinceDraw = 0; installEvents(fresh); }
        if (fresh.size >= LOAD_CAP && page.next) { capped = true; return; }
        url = page.next;
      }
    }
    try {
      await Promise.all([...Array(slices).keys()].map(walk));
      if (controller.signal.aborted) return;
      installEvents(fresh);
      state.loaded = { start, end, capped, key };
      showFilterError(null);
    } catch (err) {
      if (err.name === "AbortError" || controller.signal.aborted) return;
      if (err.body) showFilterError(err.body);
      setStatus("Could not load events.");
    } finally {
      if (state.loading === controller) { state.loading = null; box.removeAttribute("aria-busy"); render(); }
    }
    render();
  }

  function installEvents(map) {
    state.byId = map;
    state.events = [...map.values()].filter((e) => !e._undated).sort((a, b) => a._sort - b._sort || a.id - b.id);
    render();
  }

  // --- the timeline ------------------------------------------------------------------------------

  let frame = null;
  function render() {
    if (frame) return;
    frame = requestAnimationFrame(() => { frame = null; draw(); renderListSoon(); syncUrl(); });
  }

  function tickStep(daysPerPx) {
    const minDays = daysPerPx * 80;
    const steps = [
      ["day", 1], ["day", 2], ["day", 7], ["month", 1], ["month", 3], ["month", 6],
      ["year", 1], ["year", 2], ["year", 5], ["year", 10], ["year", 20], ["year", 50], ["year", 100],
    ];
    const approx = { day: 1, month: 30.44, year: 365.25 };
    for (const [unit, n] of steps) if (approx[unit] * n >= minDays) return [unit, n];
    return ["year", 200];
  }

  function ticks(start, end, unit, n) {
    const out = [];
    const d = dateOf(start);
    let y = d.getUTCFullYear(), m = d.getUTCMonth(), day = d.getUTCDate();
    if (unit === "year") { y = Math.floor(y / n) * n; m = 0; day = 1; }
    if (unit === "month") { m = Math.floor(m / n) * n; day = 1; }
    for (let i = 0; i < 400; i++) {
      const date = new Date(Date.UTC(2000, m, day));
      date.setUTCFullYear(y);
      const t = date.getTime() / DAY_MS;
      if (t > end) break;
      if (t >= start) {
        const label = unit === "year" ? String(date.getUTCFullYear())
          : unit === "month" ? `${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`
          : `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
        out.push([t, label, unit !== "year" && date.getUTCMonth() === 0 && date.getUTCDate() === 1]);
      }
      if (unit === "year") y += n;
      else if (unit === "month") { m += n; y += Math.floor(m / 12); m %= 12; }
      else {
        const next = new Date(Date.UTC(2000, m, day + n));
        next.setUTCFullYear(y + next.getUTCFullYear() - 2000);
        y = next.getUTCFullYear(); m = next.getUTCMonth(); day = next.getUTCDate();
      }
    }
    return out;
  }

  function draw() {
    const W = box.clientWidth || 800;
    const H = 340;
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    svg.setAttribute("height", H);
    if (!state.view) { svg.innerHTML = ""; return; }
    const { start, end } = state.view;
    const k = W / (end - start);
    const x = (t) => (t - start) * k;
    const axisY = H - 34;
    const laneTop = 14, laneH = 18;
    const pointTop = laneTop + MAX_LANES * laneH + 18;
    const rowH = (axisY - pointTop - 8) / 3;
    const parts = [];

    // grid and axis
    const [unit, n] = tickStep(1 / k);
    parts.push(`<rect class="band" x="0" y="${axisY}" width="${W}" height="${H - axisY}"/>`);
    for (const [t, label, strong] of ticks(start, end, unit, n)) {
      const tx = x(t).toFixed(1);
      parts.push(`<line class="grid${strong ? " strong" : ""}" x1="${tx}" x2="${tx}" y1="0" y2="${axisY}"/>`);
      parts.push(`<line class="tick" x1="${tx}" x2="${tx}" y1="${axisY}" y2="${axisY + 6}"/>`);
      parts.push(`<text class="tick-label" x="${tx}" y="${axisY + 21}" text-anchor="middle">${esc(label)}</text>`);
    }

    // events in view
    const visible = [];
    for (const ev of state.events) if (ev._e >= start && ev._s <= end) visible.push(ev);
    state.inView = visible;

    const lanes = new Array(MAX_LANES).fill(-Infinity);
    const points = [];
    for (const ev of visible) {
      const x0 = x(ev._s), x1 = x(ev._e);
      if (ev._span && x1 - x0 >= SPAN_MIN_PX) {
        let lane = lanes.findIndex((endX) => endX < x0 - 2);
        if (lane >= 0) {
          lanes[lane] = x1;
          const y = laneTop + lane * laneH;
          const cx0 = Math.max(x0, -5), cx1 = Math.min(x1, W + 5);
          const cls = `span${ev._inexact ? " inexact" : ""}${ev.id === state.selected ? " selected" : ""}`;
          parts.push(`<g class="mark" data-id="${ev.id}"><title>${esc(ev.title)} — ${esc(dateLabel(ev))}</title>` +
            `<rect class="${cls}" x="${cx0.toFixed(1)}" y="${y}" width="${Math.max(cx1 - cx0, 2).toFixed(1)}" height="${laneH - 5}" rx="3" style="--c:${ev._color}"/>` +
            (ev._openEnd ? `<path class="open" d="M${(cx1 - 1).toFixed(1)} ${y} l7 ${(laneH - 5) / 2} l-7 ${(laneH - 5) / 2}z" style="--c:${ev._color}"/>` : "") +
            (cx1 - cx0 > 60 ? `<text class="span-label" x="${(Math.max(cx0, 0) + 5).toFixed(1)}" y="${y + laneH - 9}">${esc(clip(ev.title, (Math.min(cx1, W) - Math.max(cx0, 0) - 10) / 6.2))}</text>` : "") +
            `</g>`);
          continue;
        }
      }
      points.push(ev);
    }

    // points, binned
    const bins = new Map();
    for (const ev of points) {
      const b = Math.floor(x(ev._at) / BIN_PX);
      if (!bins.has(b)) bins.set(b, []);
      bins.get(b).push(ev);
    }
    for (const [b, evs] of bins) {
      const row = ((b % 3) + 3) % 3;
      const cy = pointTop + row * rowH + 10;
      if (evs.length === 1) {
        const ev = evs[0];
        const cx = x(ev._at);
        const cls = `point${ev._inexact ? " inexact" : ""}${ev.id === state.selected ? " selected" : ""}`;
        let range = "";
        if (ev._imprecise) {
          const rx0 = Math.max(x(ev._s), -5), rx1 = Math.min(x(ev._e), W + 5);
          if (rx1 - rx0 > 3) range = `<line class="range${ev._inexact ? " inexact" : ""}" x1="${rx0.toFixed(1)}" x2="${rx1.toFixed(1)}" y1="${cy}" y2="${cy}" style="--c:${ev._color}"/>`;
        }
        if (ev._openEnd || ev._openStart) {  // "not earlier / not later than": an arrow into the unknown
          const dir = ev._openEnd ? 1 : -1;
          const ax = x(ev._openEnd ? ev._s : ev._e);
          range += `<path class="open-arrow" d="M${ax.toFixed(1)} ${cy} h${dir * 34} m${-dir * 6} -5 l${dir * 6} 5 l${-dir * 6} 5" style="--c:${ev._color}"/>`;
        }
        parts.push(`<g class="mark" data-id="${ev.id}"><title>${esc(ev.title)} — ${esc(dateLabel(ev))}</title>${range}` +
          `<circle class="${cls}" cx="${cx.toFixed(1)}" cy="${cy}" r="6" style="--c:${ev._color}"/>` +
          `<text class="point-label" x="${(cx + 9).toFixed(1)}" y="${cy + 4}">${esc(clip(ev.title, (BIN_PX * 3 - 14) / 6.2))}</text></g>`);
      } else {
        const t0 = Math.min(...evs.map((e) => e._s)), t1 = Math.max(...evs.map((e) => e._e));
        const cx = (b + 0.5) * BIN_PX;
        const r = Math.min(8 + Math.log2(evs.length) * 2.2, 16);
        const inexact = evs.every((e) => e._inexact);
        const sel = evs.some((e) => e.id === state.selected);
        parts.push(`<g class="cluster${inexact ? " inexact" : ""}${sel ? " selected" : ""}" data-from="${t0}" data-to="${t1}">` +
          `<title>${evs.length} events, ${esc(isoOf(t0))} – ${esc(isoOf(t1 - 1))}: click to zoom in</title>` +
          `<circle cx="${cx.toFixed(1)}" cy="${cy}" r="${r.toFixed(1)}"/>` +
          `<text x="${cx.toFixed(1)}" y="${cy + 4}" text-anchor="middle">${evs.length > 999 ? Math.round(evs.length / 100) / 10 + "k" : evs.length}</text></g>`);
      }
    }
    svg.innerHTML = parts.join("");
    let status = `${visible.length.toLocaleString("en")} events in view, ${isoOf(start)} – ${isoOf(end)}`;
    if (state.loading) status = "Loading events… " + status;
    if (state.loaded && state.loaded.capped) status += " (more exist: zoom in to load them all)";
    if (!state.events.length && !state.loading) status = state.extent ? "No events in view." : "No events match these filters.";
    setStatus(status);
  }

  function clip(text, chars) {
    chars = Math.floor(chars);
    if (chars < 4) return "";
    return text.length > chars ? text.slice(0, chars - 1) + "…" : text;
  }

  function setStatus(text) { if (statusEl.textContent !== text) statusEl.textContent = text; }

  // --- view changes ------------------------------------------------------------------------------

  function setView(start, end) {
    let width = end - start;
    const mid = (start + end) / 2;
    width = Math.min(Math.max(width, MIN_RANGE_DAYS), MAX_RANGE_DAYS);
    state.view = { start: mid - width / 2, end: mid + width / 2 };
    render();
    scheduleLoad();
  }

  function zoom(factor, anchorFraction) {
    if (!state.view) return;
    const { start, end } = state.view;
    const f = anchorFraction == null ? 0.5 : anchorFraction;
    const anchor = start + (end - start) * f;
    const width = Math.min(Math.max((end - start) * factor, MIN_RANGE_DAYS), MAX_RANGE_DAYS);
    setView(anchor - width * f, anchor - width * f + width);
  }

  function pan(fraction) {
    if (!state.view) return;
    const shift = (state.view.end - state.view.start) * fraction;
    setView(state.view.start + shift, state.view.end + shift);
  }

  function fit() {
    if (state.extent) setView(state.extent.start, state.extent.end);
  }

  function centreOn(ev) {
    if (!state.view || ev._undated) return;
    const width = state.view.end - state.view.start;
    if (ev._s >= state.view.start && ev._e <= state.view.end) return;
    const spanW = Math.max(width, (ev._e - ev._s) * 1.2);
    const mid = (ev._s + ev._e) / 2;
    setView(mid - spanW / 2, mid + spanW / 2);
  }

  box.addEventListener("wheel", (e) => {
    e.preventDefault();
    const rect = box.getBoundingClientRect();
    if (Math.abs(e.deltaX) > Math.abs(e.deltaY) || e.shiftKey) {
      pan(((e.shiftKey ? e.deltaY : e.deltaX) || 0) / rect.width);
    } else {
      zoom(Math.exp(e.deltaY * 0.0015), (e.clientX - rect.left) / rect.width);
    }
  }, { passive: false });

  let drag = null;
  box.addEventListener("pointerdown", (e) => {
    if (!state.view || e.button !== 0) return;
    drag = { x: e.clientX, start: state.view.start, end: state.view.end, moved: false, id: e.pointerId };
  });
  box.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x;
    if (!drag.moved && Math.abs(dx) < 4) return;
    if (!drag.moved) { drag.moved = true; box.setPointerCapture(drag.id); box.classList.add("dragging"); }
    const days = (dx / box.clientWidth) * (drag.end - drag.start);
    state.view = { start: drag.start - days, end: drag.end - days };
    render();
  });
  const endDrag = () => {
    if (drag && drag.moved) { box.classList.remove("dragging"); scheduleLoad(); box.dataset.justDragged = "1"; }
    drag = null;
  };
  box.addEventListener("pointerup", endDrag);
  box.addEventListener("pointercancel", endDrag);

  svg.addEventListener("click", (e) => {
    if (box.dataset.justDragged) { delete box.dataset.justDragged; return; }
    const mark = e.target.closest(".mark");
    if (mark) { select(Number(mark.dataset.id), { from: "timeline" }); return; }
    const cluster = e.target.closest(".cluster");
    if (cluster) {
      const t0 = Number(cluster.dataset.from), t1 = Number(cluster.dataset.to);
      const pad = Math.max((t1 - t0) * 0.15, 3);
      setView(t0 - pad, t1 + pad);
    }
  });

  box.addEventListener("keydown", (e) => {
    const keys = {
      "+": () => zoom(1 / 1.6), "=": () => zoom(1 / 1.6), "-": () => zoom(1.6), "_": () => zoom(1.6),
      ArrowLeft: () => pan(-0.2), ArrowRight: () => pan(0.2), Home: fit, "0": fit,
    };
    if (keys[e.key]) { e.preventDefault(); keys[e.key](); }
  });

  $("#zoom-in").addEventListener("click", () => zoom(1 / 1.6));
  $("#zoom-out").addEventListener("click", () => zoom(1.6));
  $("#pan-left").addEventListener("click", () => pan(-0.3));
  $("#pan-right").addEventListener("click", () => pan(0.3));
  $("#zoom-fit").addEventListener("click", fit);
  window.addEventListener("resize", render);

  // --- the list ----------------------------------------------------------------------------------

  let listTimer = null;
  function renderListSoon() {
    clearTimeout(listTimer);
    listTimer = setTimeout(() => { listTimer = null; renderList(); }, 120);
  }

  function renderList() {
    const events = state.inView.slice().sort((a, b) => a._sort - b._sort || a.id - b.id);
    const shown = events.slice(0, state.listLimit);
    const focusedId = document.activeElement && document.activeElement.dataset
      ? Number(document.activeElement.dataset.id) : null;
    const groups = [];
    let year = null;
    for (const ev of shown) {
      const y = dateOf(ev._sort).getUTCFullYear();
      if (y !== year) { groups.push({ year: y, items: [] }); year = y; }
      groups[groups.length - 1].items.push(ev);
    }
    const tabbable = shown.some((e) => e.id === state.selected) ? state.selected : (shown[0] && shown[0].id);
    listEl.innerHTML = groups.map((g) =>
      `<section class="year-group" aria-labelledby="year-${g.year}"><h3 id="year-${g.year}">${g.year}</h3>` +
      `<ul class="events" role="list">` + g.items.map((ev) => {
        const flags = [ev.date && ev.date.approximate ? "approximate" : "", ev.date && ev.date.uncertain ? "uncertain" : ""]
          .filter(Boolean);
        const label = `${ev.title}. ${dateLabel(ev)}${flags.length ? ", " + flags.join(" and ") + " date" : ""}. ${ev.type ? ev.type.label : ""}`;
        return `<li class="event-item${ev._inexact ? " inexact" : ""}${ev.id === state.selected ? " selected" : ""}" ` +
          `data-id="${ev.id}" tabindex="${ev.id === tabbable ? 0 : -1}" aria-label="${esc(label)}"` +
          `${ev.id === state.selected ? ' aria-current="true"' : ""}>` +
          `<span class="swatch" style="--c:${ev._color}" aria-hidden="true"></span>` +
          `<span class="when">${esc(dateLabel(ev))}${flags.map((f) => ` <span class="flag">${f}</span>`).join("")}</span>` +
          `<span class="what">${esc(ev.title)}</span>` +
          `<span class="type">${esc(ev.type ? ev.type.label : "")}</span></li>`;
      }).join("") + `</ul></section>`).join("") ||
      `<p class="placeholder">No events in this part of the timeline.</p>`;
    updateReadiness();
    const more = $("#list-more");
    more.hidden = events.length <= shown.length;
    more.textContent = `Show more (${(events.length - shown.length).toLocaleString("en")} left)`;
    if (focusedId && listEl.contains(document.activeElement) === false) {
      const again = listEl.querySelector(`[data-id="${focusedId}"]`);
      if (again && document.activeElement === document.body) again.focus();
    }
  }

  $("#list-more").addEventListener("click", () => { state.listLimit += LIST_STEP; renderList(); });

  function listItems() { return [...listEl.querySelectorAll(".event-item")]; }

  function focusItem(item) {
    if (!item) return;
    listItems().forEach((i) => i.setAttribute("tabindex", "-1"));
    item.setAttribute("tabindex", "0");
    item.focus();
  }

  listEl.addEventListener("keydown", (e) => {
    const item = e.target.closest(".event-item");
    if (!item) return;
    const items = listItems();
    const i = items.indexOf(item);
    const moves = {
      ArrowDown: () => focusItem(items[Math.min(i + 1, items.length - 1)]),
      ArrowUp: () => focusItem(items[Math.max(i - 1, 0)]),
      Home: () => focusItem(items[0]),
      End: () => focusItem(items[items.length - 1]),
      PageDown: () => focusItem(items[Math.min(i + 10, items.length - 1)]),
      PageUp: () => focusItem(items[Math.max(i - 10, 0)]),
      Enter: () => select(Number(item.dataset.id), { from: "list" }),
      " ": () => select(Number(item.dataset.id), { from: "list" }),
    };
    if (moves[e.key]) { e.preventDefault(); moves[e.key](); }
  });

  listEl.addEventListener("click", (e) => {
    const item = e.target.closest(".event-item");
    if (item) { focusItem(item); select(Number(item.dataset.id), { from: "list" }); }
  });

  // --- details -----------------------------------------------------------------------------------

  async function select(id, { from } = {}) {
    state.selected = id;
    let ev = state.byId.get(id);
    if (!ev) {
      try { ev = prepare(await fetchJson(`/api/events/${id}/`)); } catch (err) { ev = null; }
    }
    showDetails(ev);
    if (ev && from !== "timeline") centreOn(ev);
    listItems().forEach((li) => {
      const on = Number(li.dataset.id) === id;
      li.classList.toggle("selected", on);
      if (on) li.setAttribute("aria-current", "true"); else li.removeAttribute("aria-current");
    });
    render();
  }

  function showDetails(ev) {
    const body = $("#details-body");
    if (!ev) { body.innerHTML = `<p class="placeholder">This event is not available.</p>`; return; }
    const d = ev.date || {};
    const flags = [];
    if (d.approximate) flags.push("approximate");
    if (d.uncertain) flags.push("uncertain");
    if (d.precision && d.precision !== "day") flags.push(`known to the ${d.precision}`);
    if (d.calendar === "julian") flags.push("Old Style (Julian) in the source");
    if (ev.date_conflict) flags.push("sources disagree");
    const people = (ev.people || []).map((p) => `<li>${esc(p.name)} <span class="role">${esc(p.role)}</span></li>`).join("");
    const places = (ev.places || []).map((p) => `<li>${esc(p.name)} <span class="role">${esc(p.role)}</span></li>`).join("");
    const citations = (ev.citations || []).map((c, i) => {
      const source = c.source || {};
      const doc = c.document;
      const where = [esc(source.title || "source"), doc ? esc(`№ ${doc.number}${doc.reference ? ", " + doc.reference : ""}`) : "", `line ${esc(c.line)}`]
        .filter(Boolean).join(", ");
      const href = c.passage_url || `/api/sources/${source.id}/passage/?start=${c.start}&end=${c.end}`;
      return `<li><figure class="quote"><blockquote lang="${esc(c.language || "")}">${esc(c.quote)}</blockquote>` +
        `<figcaption>${where}${c.is_primary ? ' <span class="flag">primary</span>' : ""}<br>` +
        `<a href="${esc(href)}" target="_blank" rel="noopener">Open the passage in the source</a>` +
        (source.id ? ` · <a href="/admin/events/source/${esc(source.id)}/text/?start=${esc(c.start)}&end=${esc(c.end)}#cited">in the curation viewer</a>` : "") +
        `</figcaption></figure></li>`;
    }).join("");
    body.innerHTML =
      `<article class="event-details" aria-labelledby="details-title">` +
      `<p class="type-line"><span class="swatch" style="--c:${ev._color || "#888"}" aria-hidden="true"></span>${esc(ev.type ? ev.type.label : "")}</p>` +
      `<h3 id="details-title">${esc(ev.title)}</h3>` +
      `<dl class="facts">` +
      `<dt>Date in the source</dt><dd class="as-written">${esc(d.text || "—")}</dd>` +
      `<dt>Normalised</dt><dd>${esc(d.display || d.edtf || "undated")}${d.edtf ? ` <code>${esc(d.edtf)}</code>` : ""}</dd>` +
      (flags.length ? `<dt>Note</dt><dd>${flags.map((f) => `<span class="flag">${esc(f)}</span>`).join(" ")}</dd>` : "") +
      `</dl>` +
      (ev.description ? `<p class="description">${esc(ev.description)}</p>` : "") +
      (people ? `<h4>People</h4><ul class="names">${people}</ul>` : "") +
      (places ? `<h4>Places</h4><ul class="names">${places}</ul>` : "") +
      `<h4>Sources (${(ev.citations || []).length})</h4>` +
      (citations ? `<ol class="citations">${citations}</ol>` : `<p class="placeholder">No citation.</p>`) +
      `<p><button type="button" id="show-on-timeline">Show on the timeline</button></p>` +
      `</article>`;
    const show = $("#show-on-timeline");
    if (show) show.addEventListener("click", () => {
      const width = state.view ? state.view.end - state.view.start : 365;
      const mid = ev._undated ? null : (ev._s + ev._e) / 2;
      if (mid !== null) setView(mid - width / 4, mid + width / 4);
    });
  }

  // --- filters -----------------------------------------------------------------------------------

  let filtersGeneration = 0;
  async function applyFilters(filters, { keepView } = {}) {
    // Filters changed again while this extent was loading: only the newest
    // change may set the extent, the view and the readiness.
    const generation = ++filtersGeneration;
    if (state.loading) state.loading.abort();  // its events belong to the old filters
    state.pending = true;
    document.body.dataset.state = "loading";
    state.filters = filters;
    state.loaded = null;
    state.listLimit = LIST_STEP;
    updateExportLinks();
    syncUrl();
    setStatus("Loading events…");
    let extent = null;
    try {
      extent = await loadExtent();
      if (generation !== filtersGeneration) return;
      showFilterError(null);
    } catch (err) {
      if (generation !== filtersGeneration) return;
      if (err.body) showFilterError(err.body);
    }
    state.extent = extent;
    state.pending = false;
    if (!state.extent) {
      state.events = []; state.byId = new Map(); state.inView = [];
      if (!state.view) state.view = { start: dayOf("1920-01-01"), end: dayOf("1940-01-01") };
      render();
      return;
    }
    if (!keepView || !state.view) state.view = { ...state.extent };
    render();
    await loadWindow();
  }

  $("#filters").addEventListener("submit", (e) => { e.preventDefault(); applyFilters(readForm()); });
  $("#f-reset").addEventListener("click", () => {
    state.filters = {}; fillForm(); applyFilters({});
  });
  document.querySelectorAll('#f-types input[type=checkbox]').forEach((b) => b.addEventListener("change", () => {
    updateTypesSummary(); applyFilters(readForm());
  }));
  $("#f-source").addEventListener("change", () => applyFilters(readForm()));
  const typesBox = $("#f-types details");
  document.addEventListener("click", (e) => { if (typesBox.open && !typesBox.contains(e.target)) typesBox.open = false; });
  typesBox.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && typesBox.open) { typesBox.open = false; typesBox.querySelector("summary").focus(); }
  });

  // --- start ---------------------------------------------------------------------------------------

  readFiltersFromUrl();
  fillForm();
  const hadView = !!state.view;
  applyFilters(state.filters, { keepView: hadView }).then(() => {
    if (state.selected) select(state.selected, { from: "url" });
  });
})();
