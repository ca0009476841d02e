import { describe, expect, it } from "vitest";
import { LeasePool } from "./LeasePool.js";

describe("LeasePool", () => {
  it("lends items, queues the rest in FIFO order and hands released items on", async () => {
    const pool = new LeasePool(["a"]);
    const first = await pool.acquire();
    const order: string[] = [];
    const second = pool.acquire().then((l) => (order.push("second"), l));
    const third = pool.acquire().then((l) => (order.push("third"), l));
    expect(pool.waiting).toBe(2);
    first.release();
    first.release(); // idempotent: must not free the item twice
    (await second).release();
    (await third).release();
    expect(order).toEqual(["second", "third"]);
    expect(pool.available).toBe(1);
  });

  it("hands out the free item the caller prefers", async () => {
    const pool = new LeasePool(["a", "bb", "ccc"]);
    const lease = await pool.acquire(undefined, (x) => (x === "bb" ? 1 : 0));
    expect(lease.item).toBe("bb");
    expect((await pool.acquire(undefined, (x) => x.length)).item).toBe("ccc");
  });

  it("a waiter whose signal aborts leaves the queue with ABORTED", async () => {
    const pool = new LeasePool([1]);
    const held = await pool.acquire();
    const ac = new AbortController();
    const waiting = pool.acquire(ac.signal);
    ac.abort();
    await expect(waiting).rejects.toMatchObject({ code: "ABORTED" });
    expect(pool.waiting).toBe(0);
    held.release();
    expect(pool.available).toBe(1);
  });

  it("close() rejects waiters and later requests", async () => {
    const pool = new LeasePool([1]);
    await pool.acquire();
    const waiting = pool.acquire();
    pool.close();
    await expect(waiting).rejects.toMatchObject({ code: "ABORTED" });
    await expect(pool.acquire()).rejects.toMatchObject({ code: "ABORTED" });
  });
});
