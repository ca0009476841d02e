import { describe, expect, it } from "vitest";
import { ApiError } from "./errors/ApiError.js";
import { Scheduler } from "./Scheduler.js";

describe("Scheduler", () => {
  it("runs up to `parallel` at once and grants waiters in FIFO order", async () => {
    const s = new Scheduler(2, 4);
    const r1 = await s.acquire();
    const r2 = await s.acquire();
    expect(s.running).toBe(2);
    const order: number[] = [];
    const w3 = s.acquire().then((r) => (order.push(3), r));
    const w4 = s.acquire().then((r) => (order.push(4), r));
    expect(s.waiting).toBe(2);
    r2();
    const r3 = await w3;
    expect(order).toEqual([3]);
    r1();
    const r4 = await w4;
    expect(order).toEqual([3, 4]);
    expect(s.running).toBe(2);
    r3();
    r3(); // idempotent: a second call must not free a second slot
    expect(s.running).toBe(1);
    r4();
    expect(s.running).toBe(0);
  });

  it("refuses with 429 and Retry-After when the queue is full", async () => {
    const s = new Scheduler(1, 1);
    await s.acquire();
    void s.acquire();
    const e = await s.acquire().then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ApiError);
    const err = e as ApiError;
    expect(err.status).toBe(429);
    expect(err.apiCode).toBe("queue_full");
    expect(Number(err.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(err.message).toContain("--queue 1");
  });

  it("a queue size of 0 refuses as soon as every sequence is busy", async () => {
    const s = new Scheduler(1, 0);
    await s.acquire();
    await expect(s.acquire()).rejects.toMatchObject({ status: 429 });
  });

  it("an aborted waiter leaves the queue and never takes a slot", async () => {
    const s = new Scheduler(1, 2);
    const r1 = await s.acquire();
    const ac = new AbortController();
    const gone = s.acquire(ac.signal);
    const next = s.acquire();
    ac.abort(new Error("client left"));
    await expect(gone).rejects.toThrow("client left");
    expect(s.waiting).toBe(1);
    r1();
    const r3 = await next;
    expect(s.running).toBe(1);
    r3();
    expect(s.running).toBe(0);
  });

  it("rejectWaiting refuses every waiter (shutdown)", async () => {
    const s = new Scheduler(1, 3);
    await s.acquire();
    const a = s.acquire();
    const b = s.acquire();
    s.rejectWaiting(new Error("closing"));
    await expect(a).rejects.toThrow("closing");
    await expect(b).rejects.toThrow("closing");
    expect(s.waiting).toBe(0);
  });

  it("rejects nonsense sizes", () => {
    expect(() => new Scheduler(0, 1)).toThrow(RangeError);
    expect(() => new Scheduler(1, -1)).toThrow(RangeError);
  });
});
