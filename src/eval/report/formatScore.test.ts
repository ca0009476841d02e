import { describe, expect, it } from "vitest";
import { escapeHtml } from "./escapeHtml.js";
import { formatDelta, formatF1, formatPercent } from "./formatScore.js";
import { mdCell } from "./renderSummaryMarkdown.js";

describe("report formatting", () => {
  it("percent, F1 and signed deltas; n/a for missing scores", () => {
    expect(formatPercent(0.12345)).toBe("12.35%");
    expect(formatPercent(null)).toBe("n/a");
    expect(formatF1(1.0467)).toBe("1.0467");
    expect(formatDelta(0.5, 0.25, "percent")).toBe("+25.00 pt");
    expect(formatDelta(0.25, 0.5, "f1")).toBe("-0.2500");
    expect(formatDelta(0.3, 0.1 + 0.2, "percent")).toBe("±0.00 pt");
    expect(formatDelta(null, 0.5, "percent")).toBeNull();
  });
  it("escapes HTML and Markdown table cells", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    expect(mdCell("a|b\nc\\d")).toBe("a\\|b c\\\\d");
  });
});
