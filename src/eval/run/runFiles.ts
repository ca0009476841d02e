/** The files of a run folder. */
export const RUN_FILES = Object.freeze({
  config: "run.json",
  predictions: "predictions.jsonl",
  results: "results.json",
  summary: "summary.md",
  report: "report.html",
});
