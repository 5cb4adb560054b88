import { describe, expect, it } from "vitest";
import { PendingLabels } from "../../src";
import { Random } from "../../src/core/random";

/** PendingLabels (the heap behind every delayed-label operator) against a stable sort of the same pushes. */
describe("PendingLabels", () => {
  it("releases by (arrival time, push order), interleaved pushes and releases, as a stable sort does", () => {
    const random = new Random(5);
    const queue = new PendingLabels<number>();
    const pushed: { time: number; id: number }[] = [];
    const released: number[] = [];
    const expected: number[] = [];
    const done = new Set<number>();
    let now = 0;
    for (let id = 0; id < 1500; id++) {
      now += random.nextInt(3);
      // Few distinct delays: many equal arrival times.
      const time = now + [0, 0, 1, 4, 4, 10][random.nextInt(6)];
      queue.push(time, id);
      pushed.push({ time, id });
      if (random.nextDouble() < 0.3) {
        const through = now + random.nextInt(3);
        queue.releaseThrough(through, (item, at) => {
          released.push(item);
          expect(at).toBe(pushed[item].time);
        });
        // What a stable sort of everything pushed says is due by `through`, not yet released.
        const due = pushed.filter((p) => p.time <= through && !done.has(p.id)).sort((a, b) => a.time - b.time || a.id - b.id);
        for (const p of due) {
          expected.push(p.id);
          done.add(p.id);
        }
        expect(released).toEqual(expected);
      }
    }
    queue.releaseAll((item) => released.push(item));
    expect(queue.size).toBe(0);
    const rest = pushed.filter((p) => !done.has(p.id)).sort((a, b) => a.time - b.time || a.id - b.id);
    expect(released).toEqual([...expected, ...rest.map((p) => p.id)]);
  });

  it("strict release leaves the labels arriving exactly at the time", () => {
    const queue = new PendingLabels<string>();
    queue.push(5, "a");
    queue.push(3, "b");
    queue.push(5, "c");
    const out: string[] = [];
    queue.releaseThrough(5, (x) => out.push(x), true);
    expect(out).toEqual(["b"]);
    expect(queue.nextTime).toBe(5);
    queue.releaseThrough(5, (x) => out.push(x));
    expect(out).toEqual(["b", "a", "c"]);
    expect(queue.nextTime).toBe(Infinity);
  });
});
