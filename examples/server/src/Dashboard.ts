/**
 * The dashboard page served at `/`: one self-contained HTML document (inline CSS and JavaScript, no CDN, no
 * web fonts) that asks for an API key (kept in `localStorage`), reads `GET /api/v1/dashboard` and shows the
 * stock overview with reorder alerts, the valuation by site and category, the ABC Pareto chart, assets by
 * status with overdue check-outs, what expires soon and the recent activity, with SVG charts. A small form
 * posts a receipt through `POST /api/v1/movements`. The page refreshes itself when the live event stream
 * (`/api/v1/events`, read with `fetch` so the key can travel in a header) reports a change, and every minute
 * in any case. It works at phone width.
 *
 * Every piece of data reaches the DOM as text (`textContent`, `createTextNode`, SVG attributes), never as
 * markup.
 *
 * @since 0.1.0
 */
import { script } from "./DashboardScript.ts"

const style = `
:root { --bg: #f4f6f8; --card: #fff; --ink: #1c2430; --muted: #5d6b7a; --line: #dde3ea; --accent: #1f6feb;
  --a: #1f6feb; --b: #f0a020; --c: #8a97a6; --bad: #c62828; --ok: #2e7d32; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: var(--bg); color: var(--ink); }
header { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; justify-content: space-between; padding: 12px 16px;
  background: #17202b; color: #fff; }
header h1 { font-size: 18px; margin: 0; }
header .meta { color: #b8c4d0; font-size: 12px; }
#key-form { display: flex; gap: 6px; flex-wrap: wrap; }
#key-form input { min-width: 0; width: 16em; max-width: 60vw; }
input, select, button { font: inherit; padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px; }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
button.secondary { background: transparent; color: inherit; border-color: #6b7a8a; }
main { padding: 12px; display: grid; gap: 12px; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); max-width: 1400px; margin: 0 auto; }
.kpis { grid-column: 1 / -1; display: grid; gap: 12px; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); }
.kpi, section { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; min-width: 0; }
.kpi .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.kpi .value { font-size: 24px; font-weight: 650; margin-top: 2px; overflow-wrap: anywhere; }
.kpi.warn .value { color: var(--bad); }
section h2 { font-size: 15px; margin: 0 0 8px; }
section.wide { grid-column: 1 / -1; }
.scroll { overflow-x: auto; max-height: 360px; overflow-y: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 5px 6px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; background: var(--card); }
.scroll th { position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.muted { color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
svg { width: 100%; height: auto; display: block; }
svg text { font: 10px system-ui, sans-serif; fill: var(--ink); }
.legend { display: flex; gap: 12px; flex-wrap: wrap; font-size: 12px; color: var(--muted); margin-top: 4px; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
ul.activity { list-style: none; margin: 0; padding: 0; max-height: 360px; overflow-y: auto; }
ul.activity li { padding: 6px 0; border-bottom: 1px solid var(--line); }
ul.activity .when { color: var(--muted); font-size: 12px; }
form.receipt { display: grid; gap: 8px; grid-template-columns: 1fr 1fr; }
form.receipt label { display: grid; gap: 2px; font-size: 12px; color: var(--muted); }
form.receipt .full { grid-column: 1 / -1; }
form.receipt input, form.receipt select { width: 100%; min-width: 0; }
.status { margin-top: 8px; min-height: 1.4em; }
.status.error { color: var(--bad); }
.status.ok { color: var(--ok); }
#banner { grid-column: 1 / -1; background: #fff7e0; border: 1px solid #f0d090; border-radius: 10px; padding: 10px 14px; }
#banner.error { background: #fdecec; border-color: #f1b0b0; color: var(--bad); }
.hidden { display: none !important; }
.tag { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 11px; background: #eef2f6; }
@media (max-width: 600px) {
  main { padding: 8px; grid-template-columns: 1fr; }
  header { padding: 10px 12px; }
  #key-form input { width: 100%; max-width: none; flex: 1 1 12em; }
  .kpis { grid-template-columns: repeat(2, 1fr); }
  .kpi .value { font-size: 20px; }
  form.receipt { grid-template-columns: 1fr; }
}
`

const body = `
<header>
  <div><h1>Quartermaster</h1><div class="meta" id="meta">Stock, value and assets at a glance</div></div>
  <form id="key-form" autocomplete="off">
    <input id="api-key" type="password" placeholder="API key" aria-label="API key" autocomplete="off">
    <button type="submit" id="save-key">Use key</button>
    <button type="button" class="secondary" id="forget-key">Forget</button>
  </form>
</header>
<main>
  <div id="banner">Enter an API key (shown once when the server first starts, or made with <code>quartermaster create-key</code>) to see the dashboard.</div>
  <div class="kpis" id="kpis"></div>
  <section id="panel-reorder"><h2>Low stock and reorder alerts</h2><div class="scroll" id="reorder"></div></section>
  <section id="panel-valuation"><h2>Valuation</h2><div id="valuation"></div></section>
  <section id="panel-abc"><h2>ABC analysis (cost of goods sold, last 12 months)</h2><div id="abc"></div></section>
  <section id="panel-assets"><h2>Assets by status</h2><div id="assets"></div></section>
  <section id="panel-expiring"><h2>Expiring soon (30 days)</h2><div class="scroll" id="expiring"></div></section>
  <section id="panel-receipt"><h2>Post a receipt</h2>
    <form class="receipt" id="receipt-form">
      <label class="full">Item<select id="receipt-item" required></select></label>
      <label>Into bin<select id="receipt-bin" required></select></label>
      <label>From<select id="receipt-supplier" required></select></label>
      <label>Quantity<input id="receipt-quantity" inputmode="decimal" required placeholder="e.g. 12"></label>
      <label>Unit cost<input id="receipt-cost" inputmode="decimal" required placeholder="e.g. 4.50"></label>
      <label class="full hidden" id="receipt-lot-field">Lot<input id="receipt-lot" placeholder="lot code"></label>
      <label class="full hidden" id="receipt-serials-field">Serials (comma separated, one per unit)<input id="receipt-serials"></label>
      <div class="full"><button type="submit" id="receipt-submit">Post receipt</button></div>
    </form>
    <div class="muted" id="receipt-onhand"></div>
    <div class="status" id="receipt-result" role="status"></div>
  </section>
  <section id="panel-activity" class="wide"><h2>Recent activity</h2><ul class="activity" id="activity"></ul></section>
</main>
`

/**
 * The dashboard's HTML document.
 *
 * @since 0.1.0
 */
export const page: string = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Quartermaster dashboard</title>
<style>${style}</style>
</head>
<body>${body}<script>${script}</script>
</body>
</html>
`
