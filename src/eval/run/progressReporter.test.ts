import { describe, expect, it } from "vitest";
import { progressReporter } from "./progressReporter.js";

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  let out = "";
  const stream = { isTTY, columns: 100, write: (s: string) => ((out += s), true), cursorTo: () => true, clearLine: () => true, moveCursor: () => true, on: () => stream, removeListener: () => stream };
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => out };
}

describe("progressReporter", () => {
  it("without a TTY, writes one line per tenth with the running accuracy and errors", () => {
    const { stream, text } = fakeStream(false);
    const p = progressReporter(stream, "hammer eval");
    for (let done = 3; done <= 20; done++) p.update({ done, total: 20, reused: 3, correct: Math.floor(done / 2), errors: done > 10 ? 1 : 0 });
    p.stop();
    const lines = text().trim().split("\n");
    expect(lines[0]).toBe("hammer eval: 3/20 (15%), accuracy 33.3%, 0 error(s), 3 reused");
    expect(lines.at(-1)).toBe("hammer eval: 20/20 (100%), accuracy 50.0%, 1 error(s), 3 reused");
    expect(lines.length).toBeLessThanOrEqual(10);
  });

  it("on a TTY, draws a bar with ETA, accuracy and errors", () => {
    const { stream, text } = fakeStream(true);
    const p = progressReporter(stream, "hammer eval");
    p.update({ done: 0, total: 4, reused: 0, correct: 0, errors: 0 });
    p.update({ done: 4, total: 4, reused: 0, correct: 3, errors: 1 });
    p.stop();
    expect(text()).toMatch(/hammer eval .* 4\/4 \| ETA \S+ \| accuracy 75\.0% \| errors 1/);
  });
});
