import { encodePng } from "./png.js";

export interface Series {
  color: readonly [number, number, number];
  points: ReadonlyArray<readonly [number, number]>;
}

/** 3×5 digits (and `.`, `-`), one string per row, for the axis labels. */
const GLYPHS: Record<string, string[]> = {
  "0": ["111", "101", "101", "101", "111"],
  "1": ["010", "110", "010", "010", "111"],
  "2": ["111", "001", "111", "100", "111"],
  "3": ["111", "001", "111", "001", "111"],
  "4": ["101", "101", "111", "001", "001"],
  "5": ["111", "100", "111", "001", "111"],
  "6": ["111", "100", "111", "101", "111"],
  "7": ["111", "001", "010", "010", "010"],
  "8": ["111", "101", "111", "101", "111"],
  "9": ["111", "101", "111", "001", "111"],
  ".": ["000", "000", "000", "000", "010"],
  "-": ["000", "000", "111", "000", "000"],
};

class Canvas {
  readonly rgb: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.rgb = new Uint8Array(width * height * 3).fill(255);
  }
  dot(x: number, y: number, c: readonly number[], size = 1): void {
    for (let dy = 0; dy < size; dy++)
      for (let dx = 0; dx < size; dx++) {
        const px = Math.round(x) + dx;
        const py = Math.round(y) + dy;
        if (px < 0 || py < 0 || px >= this.width || py >= this.height) continue;
        this.rgb.set(c, (py * this.width + px) * 3);
      }
  }
  line(x0: number, y0: number, x1: number, y1: number, c: readonly number[], size = 1): void {
    const steps = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))));
    for (let i = 0; i <= steps; i++) this.dot(x0 + ((x1 - x0) * i) / steps, y0 + ((y1 - y0) * i) / steps, c, size);
  }
  text(x: number, y: number, s: string, c: readonly number[], scale = 2): void {
    let cx = x;
    for (const ch of s) {
      const g = GLYPHS[ch];
      if (g) g.forEach((row, ry) => [...row].forEach((bit, rx) => bit === "1" && this.dot(cx + rx * scale, y + ry * scale, c, scale)));
      cx += 4 * scale;
    }
  }
}

const label = (v: number) => (Math.abs(v) >= 10 || Number.isInteger(v) ? v.toFixed(0) : v.toFixed(2));

/**
 * A line chart as PNG bytes: x from 0 to the last x, y from the lowest to the highest value, five
 * labelled ticks per axis (digits only: what the axes and colours mean goes in the caption).
 */
export function lineChartPng(series: readonly Series[], width = 640, height = 360): Buffer {
  const cv = new Canvas(width, height);
  const pts = series.flatMap((s) => s.points);
  const left = 60;
  const right = width - 20;
  const top = 20;
  const bottom = height - 40;
  const xMax = Math.max(1, ...pts.map((p) => p[0]));
  let yMin = pts.length ? Math.min(...pts.map((p) => p[1])) : 0;
  let yMax = pts.length ? Math.max(...pts.map((p) => p[1])) : 1;
  if (yMax - yMin < 1e-9) [yMin, yMax] = [yMin - 0.5, yMax + 0.5];
  const px = (x: number) => left + (x / xMax) * (right - left);
  const py = (y: number) => bottom - ((y - yMin) / (yMax - yMin)) * (bottom - top);
  const grey = [200, 200, 200];
  const black = [0, 0, 0];
  for (let i = 0; i <= 4; i++) {
    const yv = yMin + ((yMax - yMin) * i) / 4;
    cv.line(left, py(yv), right, py(yv), grey);
    cv.text(4, py(yv) - 5, label(yv), black);
    const xv = (xMax * i) / 4;
    cv.line(px(xv), bottom, px(xv), bottom + 5, black);
    cv.text(px(xv) - 8, bottom + 12, label(xv), black);
  }
  cv.line(left, top, left, bottom, black, 2);
  cv.line(left, bottom, right, bottom, black, 2);
  for (const s of series) {
    for (let i = 1; i < s.points.length; i++) cv.line(px(s.points[i - 1]![0]), py(s.points[i - 1]![1]), px(s.points[i]![0]), py(s.points[i]![1]), s.color, 2);
    for (const [x, y] of s.points) cv.dot(px(x) - 2, py(y) - 2, s.color, 4);
  }
  return encodePng(width, height, cv.rgb);
}
