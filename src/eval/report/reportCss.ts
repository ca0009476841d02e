/** Stylesheet of the HTML reports: system fonts, light and dark, no external assets. */
export const REPORT_CSS = `
:root{--bg:#f7f7f8;--fg:#1d1d1f;--muted:#6b7280;--card:#fff;--line:#e5e7eb;--accent:#2563eb;--good:#15803d;--bad:#dc2626;--mask:#7c3aed;--mask-bg:rgba(124,58,237,.06)}
@media (prefers-color-scheme:dark){:root{--bg:#111418;--fg:#e5e7eb;--muted:#9ca3af;--card:#181d24;--line:#2a313b;--accent:#60a5fa;--good:#4ade80;--bad:#f87171;--mask:#a78bfa;--mask-bg:rgba(167,139,250,.08)}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",sans-serif}
main{max-width:1160px;margin:0 auto;padding:32px 24px 72px}
h1{font-size:1.55rem;margin:0 0 4px;letter-spacing:-.01em;overflow-wrap:anywhere}
h2{font-size:1.1rem;margin:40px 0 12px}
.sub{color:var(--muted);margin:0}
.note{color:var(--muted);font-size:.86rem;margin:8px 0 0}
.banner{border:1px solid var(--mask);background:var(--mask-bg);color:var(--fg);border-radius:10px;padding:10px 14px;margin:18px 0}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(158px,1fr));gap:12px;margin:22px 0 4px}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:12px 14px}
.card .v{font-size:1.45rem;font-weight:650;font-variant-numeric:tabular-nums}
.card .k{color:var(--muted);font-size:.74rem;text-transform:uppercase;letter-spacing:.05em}
.scroll{overflow-x:auto}
table{border-collapse:separate;border-spacing:0;width:100%;background:var(--card);border:1px solid var(--line);border-radius:12px;overflow:hidden}
th,td{padding:7px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
tr:last-child>td{border-bottom:0}
th{font-size:.74rem;color:var(--muted);font-weight:600;text-transform:uppercase;letter-spacing:.04em;background:var(--card);position:sticky;top:0}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.section>td{background:var(--bg);font-weight:600;font-size:.8rem;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.bar{position:relative;height:9px;background:var(--line);border-radius:5px;min-width:90px;margin-top:7px}
.bar>span{position:absolute;left:0;top:0;bottom:0;background:var(--accent);border-radius:5px}
.bar.m>span{background:var(--mask)}
.badge{display:inline-block;padding:0 8px;border-radius:999px;font-size:.74rem;border:1px solid currentColor;white-space:nowrap}
.badge.mask{color:var(--mask)}
.badge.plain{color:var(--muted)}
td.masked,th.masked{background:var(--mask-bg)}
.up{color:var(--good)}
.down{color:var(--bad)}
.delta{font-size:.8rem;display:block}
code,pre{font:12.5px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{white-space:pre-wrap;word-break:break-word;background:var(--bg);border:1px solid var(--line);border-radius:8px;padding:8px 10px;margin:4px 0 10px;max-height:340px;overflow:auto}
.controls{display:flex;gap:8px;flex-wrap:wrap;align-items:center;margin:0 0 10px}
input,select{font:inherit;font-size:.9rem;padding:6px 9px;border:1px solid var(--line);border-radius:8px;background:var(--card);color:var(--fg)}
input{flex:1;min-width:220px}
th[data-sort]{cursor:pointer;user-select:none}
th[data-sort]::after{content:" \\2195";opacity:.45}
details>summary{cursor:pointer;color:var(--accent);font-size:.86rem}
.k2{color:var(--muted);font-size:.74rem;text-transform:uppercase;letter-spacing:.04em;margin-top:6px}
.meta td:first-child{color:var(--muted);width:170px;white-space:nowrap}
footer{color:var(--muted);font-size:.8rem;margin-top:48px}
`;
