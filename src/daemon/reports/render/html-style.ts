/** Inline stylesheet: the file must stand alone (mail attachment, PDF print) with no fetches. */
export const REPORT_CSS = `
:root { color-scheme: light; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1d1d1f; margin: 0 auto; max-width: 900px; padding: 32px 40px; line-height: 1.55; font-size: 14px; }
header { border-bottom: 3px solid #1f5fa8; margin-bottom: 24px; padding-bottom: 12px; }
h1 { font-size: 26px; margin: 0 0 4px; color: #1f5fa8; }
.subtitle { color: #555; margin: 0 0 10px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; font-size: 13px; }
dl.meta dt { color: #666; } dl.meta dd { margin: 0; }
h2 { font-size: 19px; border-left: 4px solid #1f5fa8; padding-left: 8px; margin: 28px 0 12px; }
section { break-inside: auto; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 13px; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f0f4f8; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
.metrics { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0 16px; }
.metric { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; min-width: 140px; }
.metric .label { color: #666; font-size: 12px; } .metric .value { font-size: 20px; font-weight: 600; }
.metric .note { font-size: 12px; color: #666; }
.metric.good .value { color: #2e7d32; } .metric.bad .value { color: #c0392b; }
figure { margin: 8px 0 18px; break-inside: avoid; } figcaption { font-weight: 600; margin-bottom: 4px; }
svg { max-width: 100%; height: auto; }
.callout { border-left: 4px solid #1f5fa8; background: #eef4fb; padding: 8px 12px; margin: 8px 0 16px; white-space: pre-wrap; }
.callout.warn { border-color: #e07b39; background: #fdf3ec; }
.empty { color: #777; font-style: italic; }
footer { margin-top: 36px; border-top: 1px solid #ccc; padding-top: 8px; color: #666; font-size: 12px; }
@page { size: A4; margin: 16mm 14mm; }
@media print { body { padding: 0; max-width: none; } h2 { break-after: avoid; } }
`;
