/**
 * The page's one stylesheet, inline (the report is a single file that works from `file://`), allowed by its hash
 * in the page's Content-Security-Policy. Light and dark follow the reader's system setting.
 */
export const PAGE_CSS = `
:root {
  color-scheme: light dark;
  --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --line: #d1d9e0; --code: #f3f4f6;
  --pass: #1a7f37; --fail: #cf222e; --error: #8250df; --skip: #6e7781; --timeout: #bc4c00;
  --add-bg: #dafbe1; --del-bg: #ffebe9; --chg-bg: #fff8c5; --dev: #cf222e; --bar: #0969da;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --line: #3d444d; --code: #1f2428;
    --pass: #3fb950; --fail: #f85149; --error: #ab7df8; --skip: #9198a1; --timeout: #db6d28;
    --add-bg: #12361f; --del-bg: #4a1c1d; --chg-bg: #3b2e07; --dev: #f85149; --bar: #4493f8;
  }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 20px 64px; }
h1 { font-size: 1.5rem; margin: 0 0 4px; }
h2 { font-size: 1.2rem; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 18px 0 6px; }
h4 { font-size: .92rem; margin: 14px 0 4px; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
a { color: var(--bar); }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .86em; }
code { background: var(--code); padding: 1px 4px; border-radius: 4px; overflow-wrap: anywhere; }
pre { background: var(--code); padding: 10px 12px; border-radius: 6px; overflow: auto; max-height: 30em; margin: 6px 0; }
pre.wrap { white-space: pre-wrap; overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.note { color: var(--muted); font-size: .9em; margin: 4px 0; }
header.verdict { border-left: 6px solid var(--skip); background: var(--panel); padding: 16px 20px; border-radius: 6px; }
header.v-conformant { border-color: var(--pass); }
header.v-not-conformant { border-color: var(--fail); }
header.v-partial { border-color: var(--timeout); }
.verdict-word { font-size: 1.9rem; font-weight: 700; margin: 2px 0 6px; }
.v-conformant .verdict-word { color: var(--pass); }
.v-not-conformant .verdict-word { color: var(--fail); }
.v-partial .verdict-word { color: var(--timeout); }
header.subset { border-left-style: dashed; }
.verdict-word .subset { font-size: 1.1rem; font-weight: 600; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; padding: 0; list-style: none; }
.chips li { border: 1px solid var(--line); border-radius: 999px; padding: 1px 10px; background: var(--bg); font-size: .9em; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 8px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; font-size: .93em; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.pill { display: inline-block; min-width: 5.6em; text-align: center; border-radius: 999px; padding: 0 8px;
  font-size: .82em; font-weight: 600; color: #fff; background: var(--skip); white-space: nowrap; }
.o-pass { background: var(--pass); } .o-fail { background: var(--fail); } .o-error { background: var(--error); }
.o-skip { background: var(--skip); } .o-timeout { background: var(--timeout); }
details.check { border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; background: var(--bg); }
details.check > summary { cursor: pointer; padding: 8px 12px; display: flex; gap: 10px; align-items: baseline;
  flex-wrap: wrap; list-style: none; }
details.check > summary::-webkit-details-marker { display: none; }
details.check > summary::before { content: "▸"; color: var(--muted); width: 1em; }
details.check[open] > summary::before { content: "▾"; }
details.check[open] > summary { border-bottom: 1px solid var(--line); background: var(--panel); }
details.check.fail { border-color: var(--fail); }
.check-body { padding: 4px 16px 14px; }
.check-title { font-weight: 600; }
.sub { margin: 6px 0; }
details.sub > summary { cursor: pointer; color: var(--muted); }
ul.problems { margin: 6px 0; padding-left: 20px; }
ul.problems li { margin: 2px 0; overflow-wrap: anywhere; }
.service-error { border-left: 3px solid var(--fail); padding: 4px 10px; background: var(--panel); margin: 8px 0; }
table.diff td { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace;
  font-size: .84em; overflow-wrap: anywhere; }
table.diff td.c-added { background: var(--add-bg); }
table.diff td.c-removed { background: var(--del-bg); }
table.diff td.c-changed { background: var(--chg-bg); }
table.diff tr.deviates td:first-child { box-shadow: inset 4px 0 0 var(--dev); }
table.diff td.mark { color: var(--dev); font-family: inherit; white-space: nowrap; }
.absent { color: var(--muted); font-style: italic; }
.legend { display: flex; flex-wrap: wrap; gap: 12px; font-size: .85em; color: var(--muted); margin: 4px 0; }
.legend span { padding: 0 6px; border-radius: 3px; }
.legend .c-added { background: var(--add-bg); } .legend .c-removed { background: var(--del-bg); }
.legend .c-changed { background: var(--chg-bg); } .legend .dev { box-shadow: inset 4px 0 0 var(--dev); padding-left: 10px; }
.tools { display: flex; gap: 8px; margin: 6px 0; }
button { font: inherit; font-size: .85em; border: 1px solid var(--line); background: var(--panel); color: var(--fg);
  border-radius: 6px; padding: 2px 10px; cursor: pointer; }
button:hover { border-color: var(--muted); }
svg.chart { width: 100%; height: auto; max-width: 1100px; display: block; }
svg.chart text { fill: var(--fg); font: 11px system-ui, sans-serif; }
svg.chart .axis { stroke: var(--line); }
svg.chart .range { stroke: var(--muted); stroke-width: 1.5; }
svg.chart .box { fill: var(--bar); opacity: .75; }
svg.chart .p99 { stroke: var(--timeout); stroke-width: 2; }
svg.chart .deadline { stroke: var(--fail); stroke-dasharray: 4 3; }
svg.chart .deadline-label { fill: var(--fail); }
svg.bar { vertical-align: middle; }
svg.bar rect { fill: var(--bar); }
tr.unreached td { color: var(--muted); }
tr.nondefault td { background: var(--chg-bg); }
footer { margin-top: 40px; color: var(--muted); font-size: .85em; }
th.run { min-width: 9em; }
td.cell { text-align: center; }
pre.source { padding: 6px 0; max-height: 40em; }
.src { display: block; white-space: pre; border-left: 3px solid transparent; padding-right: 12px; }
.src .ln { display: inline-block; min-width: 3.5em; padding-right: .8em; text-align: right; color: var(--muted); user-select: none; }
.src.hit { background: var(--add-bg); }
.src.miss { background: var(--del-bg); }
.src.branch { border-left-color: var(--fail); }
p.short { color: var(--fail); font-weight: 600; }
/* A session's timeline (reports/html/timeline.ts). */
.timeline { overflow-x: auto; background: var(--panel); border-radius: 6px; margin: 6px 0; }
.timeline svg { font: 11px ui-monospace, SFMono-Regular, Menlo, monospace; }
.timeline text { fill: var(--fg); }
.timeline .tl-head { font-weight: 600; }
.timeline .tl-step { fill: var(--muted); }
.timeline .tl-life { stroke: var(--line); stroke-dasharray: 4 3; }
.timeline .tl-arrow line { stroke: var(--bar); }
.timeline .tl-arrow polygon { fill: var(--bar); }
.timeline .tl-answer line, .timeline .tl-reply line { stroke-dasharray: 5 3; }
.timeline .tl-note circle { fill: var(--muted); }
.timeline .tl-conflict circle, .timeline .tl-fault circle, .timeline .tl-check circle { fill: var(--fail); }
.timeline .tl-conflict text, .timeline .tl-fault text, .timeline .tl-check text { fill: var(--fail); }
`;
