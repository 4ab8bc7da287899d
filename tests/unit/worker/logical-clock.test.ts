/** The logical clock: timers fire in deadline order, one at a time, only when time is advanced. */
import { describe, expect, it } from 'vitest';
import { LogicalClock, settleTurns } from '../../../src/sandbox/worker/logical-clock.ts';

describe('LogicalClock', () => {
  it('does not move by itself and fires due timers in order when advanced', async () => {
    const clock = new LogicalClock(1000);
    const fired: string[] = [];
    void clock.sleep(300).then(() => fired.push(`b@${clock.now()}`));
    void clock.sleep(100).then(() => fired.push(`a@${clock.now()}`));
    void clock.sleep(300).then(() => fired.push(`c@${clock.now()}`));
    await settleTurns();
    expect(fired).toEqual([]);
    expect(clock.now()).toBe(1000);
    expect(await clock.advanceTo(1300, settleTurns)).toBe(3);
    expect(fired).toEqual(['a@1100', 'b@1300', 'c@1300']);
  });

  it('lets a woken sleeper schedule its next sleep before later timers fire (a ping loop)', async () => {
    const clock = new LogicalClock(0);
    const ticks: number[] = [];
    const controller = new AbortController();
    void (async () => {
      try {
        for (;;) {
          await clock.sleep(1000, controller.signal);
          ticks.push(clock.now());
        }
      } catch {
        ticks.push(-1);
      }
    })();
    await clock.advanceTo(3500, settleTurns);
    expect(ticks).toEqual([1000, 2000, 3000]);
    expect(clock.now()).toBe(3500);
    controller.abort();
    await settleTurns();
    expect(ticks.at(-1)).toBe(-1);
    expect(clock.pending).toBe(0);
  });

  it('a live tick does not move time past the last deadline; an event stands at its time', async () => {
    const clock = new LogicalClock(0);
    void clock.sleep(10);
    await clock.advanceTo(50, settleTurns, Infinity, false);
    expect(clock.now()).toBe(10);
    await clock.advanceTo(50, settleTurns);
    expect(clock.now()).toBe(50);
  });

  it('live, follows wall time from where logical time stands (time away does not pass)', async () => {
    let wall = 1_000_000;
    const clock = new LogicalClock(5000, () => wall);
    let due = 0;
    clock.goLive(() => due++);
    wall += 250;
    expect(clock.liveNow()).toBe(5250);
    void clock.sleep(0);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(due).toBe(1);
    clock.stop();
  });
});
