/**
 * The dashboard page's script, as source text for an inline `<script>`. It builds every element with DOM
 * calls and inserts data only as text, draws the charts as SVG, and reads the event stream with `fetch` (an
 * `EventSource` cannot send the API key header).
 *
 * @since 0.1.0
 */

/**
 * The script's source.
 *
 * @since 0.1.0
 */
export const script: string = String.raw`
"use strict";
(function () {
  var KEY = "quartermaster.apiKey";
  var SVGNS = "http://www.w3.org/2000/svg";
  var state = { key: localStorage.getItem(KEY) || "", summary: null, options: null, stream: null, timer: null, refreshing: false, again: false };
  var $ = function (id) { return document.getElementById(id); };

  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) for (var k in attrs) {
      if (k === "text") el.textContent = attrs[k];
      else if (k === "class") el.className = attrs[k];
      else el.setAttribute(k, attrs[k]);
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return el;
  }
  function s(tag, attrs, text) {
    var el = document.createElementNS(SVGNS, tag);
    for (var k in attrs) el.setAttribute(k, String(attrs[k]));
    if (text !== undefined) el.appendChild(document.createTextNode(text));
    return el;
  }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }
  function empty(text) { return h("p", { class: "empty", text: text }); }

  // Decimal strings stay strings: group the integer digits and keep every decimal.
  function num(value, decimals) {
    var str = String(value);
    var neg = str.charAt(0) === "-";
    if (neg) str = str.slice(1);
    var parts = str.split(".");
    var int = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    var frac = parts[1] || "";
    if (decimals !== undefined) { while (frac.length < decimals) frac += "0"; frac = frac.slice(0, decimals); }
    return (neg ? "-" : "") + int + (frac ? "." + frac : "");
  }
  function money(value) { return num(value, 2); }
  function pct(x) { return (x * 100).toFixed(1) + " %"; }
  function when(iso) {
    var d = new Date(iso);
    return isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  }

  function banner(text, error) {
    var b = $("banner");
    if (!text) { b.classList.add("hidden"); return; }
    b.classList.remove("hidden");
    b.classList.toggle("error", !!error);
    clear(b).appendChild(document.createTextNode(text));
  }

  function api(path, init) {
    init = init || {};
    var headers = init.headers || {};
    headers["authorization"] = "Bearer " + state.key;
    headers["accept"] = "application/json";
    init.headers = headers;
    return fetch(path, init).then(function (res) {
      return res.text().then(function (text) {
        var body = null;
        try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
        if (!res.ok) {
          var detail = body && (body.detail || body.title || body.message);
          var err = new Error(detail ? String(detail) : "HTTP " + res.status);
          err.status = res.status;
          throw err;
        }
        return body;
      });
    });
  }

  function table(columns, rows) {
    if (rows.length === 0) return null;
    var head = h("tr");
    columns.forEach(function (c) { head.appendChild(h("th", { class: c.num ? "num" : "", text: c.label })); });
    var tbody = h("tbody");
    rows.forEach(function (r) {
      var tr = h("tr");
      columns.forEach(function (c) {
        var value = c.get(r);
        tr.appendChild(value instanceof Node ? h("td", { class: c.num ? "num" : "" }, value) : h("td", { class: c.num ? "num" : "", text: String(value) }));
      });
      tbody.appendChild(tr);
    });
    return h("table", null, h("thead", null, head), tbody);
  }

  // Horizontal bars with a label and a value per row.
  function bars(rows, color) {
    var max = 0;
    rows.forEach(function (r) { if (r.value > max) max = r.value; });
    var rowH = 22, width = 340, labelW = 112, valueW = 74;
    var svg = s("svg", { viewBox: "0 0 " + width + " " + (rows.length * rowH + 4), role: "img" });
    rows.forEach(function (r, i) {
      var y = i * rowH + 2;
      var w = max > 0 ? Math.max(1, (r.value / max) * (width - labelW - valueW - 10)) : 1;
      svg.appendChild(s("text", { x: 0, y: y + 14 }, r.label.length > 19 ? r.label.slice(0, 18) + "…" : r.label));
      var bar = s("rect", { x: labelW, y: y + 3, width: w, height: rowH - 8, rx: 3, fill: r.color || color });
      bar.appendChild(s("title", {}, r.label + ": " + r.text));
      svg.appendChild(bar);
      svg.appendChild(s("text", { x: labelW + w + 4, y: y + 14 }, r.text));
    });
    return svg;
  }

  var CLASS_COLOR = { A: "#1f6feb", B: "#f0a020", C: "#8a97a6" };

  // A Pareto chart: each item's share as a bar (coloured by class), the cumulative share as a line.
  function pareto(rows) {
    var width = 340, height = 180, left = 30, bottom = 20, top = 6, right = 4;
    var plotW = width - left - right, plotH = height - top - bottom;
    var svg = s("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": "ABC Pareto chart" });
    [0, 0.25, 0.5, 0.75, 1].forEach(function (t) {
      var y = top + plotH * (1 - t);
      svg.appendChild(s("line", { x1: left, x2: width - right, y1: y, y2: y, stroke: "#e4e9ef" }));
      svg.appendChild(s("text", { x: 2, y: y + 4 }, Math.round(t * 100) + "%"));
    });
    var maxShare = 0;
    rows.forEach(function (r) { if (r.share > maxShare) maxShare = r.share; });
    var step = rows.length > 0 ? plotW / rows.length : plotW;
    var points = [];
    rows.forEach(function (r, i) {
      var x = left + i * step;
      var bh = maxShare > 0 ? (r.share / maxShare) * plotH : 0;
      var bar = s("rect", { x: x + 1, y: top + plotH - bh, width: Math.max(1, step - 2), height: bh, fill: CLASS_COLOR[r.class] || "#999" });
      bar.appendChild(s("title", {}, r.sku + " (" + r.class + "): " + money(r.value) + ", " + pct(r.share) + ", cumulative " + pct(r.cumulativeShare)));
      svg.appendChild(bar);
      points.push((x + step / 2).toFixed(1) + "," + (top + plotH * (1 - r.cumulativeShare)).toFixed(1));
    });
    if (points.length > 0) svg.appendChild(s("polyline", { points: points.join(" "), fill: "none", stroke: "#c62828", "stroke-width": 2 }));
    svg.appendChild(s("text", { x: left, y: height - 6 }, "Top " + rows.length + " items; line: cumulative share"));
    return svg;
  }

  function legend(entries) {
    var el = h("div", { class: "legend" });
    entries.forEach(function (e) {
      var swatch = h("i");
      swatch.style.background = e[1];
      el.appendChild(h("span", null, swatch, e[0]));
    });
    return el;
  }

  function renderKpis(sum) {
    var k = clear($("kpis"));
    var kpi = function (id, label, value, warn) {
      k.appendChild(h("div", { class: "kpi" + (warn ? " warn" : ""), id: id }, h("div", { class: "label", text: label }), h("div", { class: "value", text: value })));
    };
    kpi("kpi-items", "Items", num(sum.stock.items));
    kpi("kpi-in-stock", "In stock", num(sum.stock.itemsInStock));
    kpi("kpi-low", "Low stock", num(sum.stock.lowStock), sum.stock.lowStock > 0);
    kpi("kpi-out", "Out of stock", num(sum.stock.outOfStock), sum.stock.outOfStock > 0);
    kpi("kpi-value", "On hand value", money(sum.stock.onHandValue));
  }

  function render(sum) {
    renderKpis(sum);
    $("meta").textContent = "Tenant " + sum.tenantId + " · updated " + when(sum.at);

    var reorder = clear($("reorder"));
    var t = table([
      { label: "SKU", get: function (r) { return r.sku; } },
      { label: "Item", get: function (r) { return r.name; } },
      { label: "On hand", num: true, get: function (r) { return num(r.onHand); } },
      { label: "ROP", num: true, get: function (r) { return num(r.reorderPoint); } },
      { label: "Order", num: true, get: function (r) { return num(r.quantity) + " " + r.unit; } }
    ], sum.reorder);
    reorder.appendChild(t || empty("Nothing is below its reorder point."));

    var v = clear($("valuation"));
    v.appendChild(h("p", null, "Total on hand: ", h("strong", { text: money(sum.valuation.total) })));
    v.appendChild(h("h3", { class: "muted", text: "By site" }));
    v.appendChild(bars(sum.valuation.bySite.map(function (r) { return { label: r.name, value: Number(r.value), text: money(r.value) }; }), "#1f6feb"));
    v.appendChild(h("h3", { class: "muted", text: "By category" }));
    v.appendChild(bars(sum.valuation.byCategory.map(function (r) { return { label: r.category || "(none)", value: Number(r.value), text: money(r.value) }; }), "#2e9f8f"));

    var a = clear($("abc"));
    a.appendChild(pareto(sum.abc.pareto));
    a.appendChild(legend([["A", CLASS_COLOR.A], ["B", CLASS_COLOR.B], ["C", CLASS_COLOR.C], ["cumulative", "#c62828"]]));
    a.appendChild(table([
      { label: "Class", get: function (r) { return r["class"]; } },
      { label: "Items", num: true, get: function (r) { return num(r.count) + " (" + pct(r.itemShare) + ")"; } },
      { label: "Value", num: true, get: function (r) { return money(r.value); } },
      { label: "Share", num: true, get: function (r) { return pct(r.share); } }
    ], sum.abc.classes) || empty("No issues in the last year."));

    var as = clear($("assets"));
    if (sum.assets === null) as.appendChild(empty("This server has no asset register."));
    else {
      as.appendChild(h("p", null, "Assets: ", h("strong", { text: num(sum.assets.total) })));
      as.appendChild(sum.assets.byStatus.length === 0 ? empty("No assets yet.") :
        bars(sum.assets.byStatus.map(function (r) { return { label: r.status, value: r.count, text: num(r.count) }; }), "#7b61c9"));
      as.appendChild(h("h3", { class: "muted", text: "Overdue check-outs" }));
      as.appendChild(table([
        { label: "Tag", get: function (r) { return r.tag; } },
        { label: "Asset", get: function (r) { return r.name; } },
        { label: "With", get: function (r) { return r.assignee; } },
        { label: "Days overdue", num: true, get: function (r) { return r.daysOverdue; } }
      ], sum.assets.overdue) || empty("Nothing is overdue."));
    }

    var ex = clear($("expiring"));
    ex.appendChild(table([
      { label: "Kind", get: function (r) { return r.kind; } },
      { label: "What", get: function (r) { return h("span", null, r.name, h("div", { class: "muted", text: r.detail })); } },
      { label: "Days left", num: true, get: function (r) { return r.daysLeft < 0 ? "expired " + (-r.daysLeft) + " d ago" : String(r.daysLeft); } }
    ], sum.expiring) || empty("Nothing expires in the next 30 days."));

    var act = clear($("activity"));
    if (sum.recent.length === 0) act.appendChild(h("li", { class: "empty", text: "No activity yet." }));
    sum.recent.forEach(function (e) {
      act.appendChild(h("li", null, h("span", { class: "tag", text: e.type }), " ", e.text, h("div", { class: "when", text: when(e.at) + " · " + e.actor })));
    });
  }

  function fillOptions(opts) {
    var item = $("receipt-item"), bin = $("receipt-bin"), sup = $("receipt-supplier");
    var keep = item.value;
    clear(item); clear(bin); clear(sup);
    opts.items.forEach(function (i) { item.appendChild(h("option", { value: i.id, text: i.sku + " · " + i.name })); });
    opts.bins.forEach(function (b) { bin.appendChild(h("option", { value: b.id, text: b.code + " · " + b.name })); });
    opts.suppliers.forEach(function (l) { sup.appendChild(h("option", { value: l.id, text: l.name })); });
    if (keep) item.value = keep;
    showItem();
  }

  function itemById(id) {
    var items = state.options ? state.options.items : [];
    for (var i = 0; i < items.length; i++) if (items[i].id === id) return items[i];
    return null;
  }

  function showItem() {
    var it = itemById($("receipt-item").value);
    $("receipt-lot-field").classList.toggle("hidden", !it || it.tracking !== "lot");
    $("receipt-serials-field").classList.toggle("hidden", !it || it.tracking !== "serial");
    $("receipt-onhand").textContent = it ? "On hand of " + it.sku + ": " + num(it.onHand) + " " + it.unit : "";
  }

  function refresh() {
    if (!state.key) return Promise.resolve();
    if (state.refreshing) { state.again = true; return Promise.resolve(); }
    state.refreshing = true;
    return Promise.all([api("/api/v1/dashboard"), api("/api/v1/dashboard/options")]).then(function (res) {
      state.summary = res[0];
      state.options = res[1];
      banner("");
      render(res[0]);
      fillOptions(res[1]);
      document.body.setAttribute("data-loaded", String(res[0].lastEventSeq));
      listen(res[0].lastEventSeq);
    }).catch(function (err) {
      banner(err.status === 401 || err.status === 403 ? "The key was refused: " + err.message : "Could not load the dashboard: " + err.message, true);
    }).then(function () {
      state.refreshing = false;
      if (state.again) { state.again = false; refresh(); }
    });
  }

  // The live stream: any event schedules a refresh (debounced). Reconnects after errors.
  function listen(after) {
    if (state.stream || !window.ReadableStream) return;
    var controller = new AbortController();
    state.stream = controller;
    var pending = null;
    fetch("/api/v1/events?after=" + encodeURIComponent(after), { headers: { authorization: "Bearer " + state.key, accept: "text/event-stream" }, signal: controller.signal })
      .then(function (res) {
        if (!res.ok || !res.body) throw new Error("HTTP " + res.status);
        var reader = res.body.getReader();
        var decoder = new TextDecoder();
        var buffer = "";
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) throw new Error("stream closed");
            buffer += decoder.decode(chunk.value, { stream: true });
            var frames = buffer.split("\n\n");
            buffer = frames.pop();
            if (frames.some(function (f) { return /^id:/m.test(f); }) && pending === null) {
              pending = setTimeout(function () { pending = null; refresh(); }, 1000);
            }
            return pump();
          });
        }
        return pump();
      })
      .catch(function () {
        if (state.stream !== controller) return;
        state.stream = null;
        setTimeout(function () { if (!state.stream && state.summary) listen(state.summary.lastEventSeq); }, 5000);
      });
  }

  function stopListening() {
    if (state.stream) { var c = state.stream; state.stream = null; c.abort(); }
  }

  $("key-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var value = $("api-key").value.trim();
    if (!value) return;
    state.key = value;
    localStorage.setItem(KEY, value);
    $("api-key").value = "";
    stopListening();
    refresh();
  });
  $("forget-key").addEventListener("click", function () {
    localStorage.removeItem(KEY);
    state.key = "";
    stopListening();
    banner("Key forgotten. Enter an API key to see the dashboard.");
  });
  $("receipt-item").addEventListener("change", showItem);

  function newId() {
    if (window.crypto && crypto.randomUUID) return "web-" + crypto.randomUUID();
    return "web-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
  }

  $("receipt-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var result = $("receipt-result");
    var it = itemById($("receipt-item").value);
    if (!it) return;
    var line = {
      id: newId(),
      itemId: it.id,
      from: $("receipt-supplier").value,
      to: $("receipt-bin").value,
      quantity: $("receipt-quantity").value.trim(),
      unitCost: $("receipt-cost").value.trim(),
      reasonCode: "purchase",
      reference: "dashboard receipt"
    };
    if (it.tracking === "lot") line.lot = $("receipt-lot").value.trim();
    if (it.tracking === "serial") line.serials = $("receipt-serials").value.split(",").map(function (x) { return x.trim(); }).filter(Boolean);
    var before = it.onHand;
    result.className = "status";
    result.textContent = "Posting…";
    $("receipt-submit").disabled = true;
    api("/api/v1/movements", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ lines: [line] }) })
      .then(function () { return api("/api/v1/dashboard/options"); })
      .then(function (opts) {
        state.options = opts;
        fillOptions(opts);
        var now = itemById(it.id);
        result.className = "status ok";
        result.textContent = "Received " + num(line.quantity) + " " + it.unit + " of " + it.sku + ": on hand " + num(before) + " → " + num(now ? now.onHand : "?") + " " + it.unit;
        result.setAttribute("data-on-hand", now ? now.onHand : "");
        refresh();
      })
      .catch(function (err) {
        result.className = "status error";
        result.textContent = "Not posted: " + err.message;
      })
      .then(function () { $("receipt-submit").disabled = false; });
  });

  state.timer = setInterval(function () { if (state.key) refresh(); }, 60000);
  if (state.key) refresh();
})();
`
