/** The worker holds a connection's frames after its hello until the programs' code is loaded. */
import { describe, expect, it } from 'vitest';
import { InputHold } from '../../../src/sandbox/worker/input-hold.ts';
import type { PageMessage } from '../../../src/sandbox/worker/messages.ts';

function harness(load: () => Promise<void>) {
  let loaded = false;
  const delivered: string[] = [];
  const errors: unknown[] = [];
  const hold = new InputHold({
    loaded: () => loaded,
    load: async () => {
      await load();
      loaded = true;
    },
    deliver: (message) => delivered.push(message.op === 'text' ? `${message.c}:${message.data}` : `${message.op}`),
    onLoadError: (error) => errors.push(error),
  });
  return { hold, delivered, errors };
}

const text = (c: number, data: string): PageMessage => ({ c, op: 'text', data });

describe('InputHold', () => {
  it('passes the connection and its hello, holds what follows until the programs are loaded, then delivers it in order', async () => {
    let release = () => {};
    const { hold, delivered } = harness(() => new Promise((resolve) => (release = resolve)));
    hold.receive({ c: 1, op: 'open' });
    hold.receive(text(1, 'hello'));
    hold.receive({ c: 1, op: 'bin', data: new Uint8Array([108, 115, 13]) });
    hold.receive(text(1, 'exec'));
    // A second terminal's connection queues behind them, so nothing overtakes.
    hold.receive({ c: 2, op: 'open' });
    expect(delivered).toEqual(['open', '1:hello']);
    expect(hold.held).toBe(3);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(delivered).toEqual(['open', '1:hello', 'bin', '1:exec', 'open']);
    expect(hold.held).toBe(0);
    hold.receive(text(2, 'hello'));
    hold.receive({ c: 2, op: 'bin', data: new Uint8Array([13]) });
    expect(delivered.slice(5)).toEqual(['2:hello', 'bin']);
  });

  it('lets a resize through without loading the programs, unless something is held before it', async () => {
    let loads = 0;
    let release = () => {};
    const { hold, delivered } = harness(() => {
      loads++;
      return new Promise((resolve) => (release = resolve));
    });
    const resize = text(1, JSON.stringify({ type: 'resize', cols: 90, rows: 30 }));
    hold.receive({ c: 1, op: 'open' });
    hold.receive(text(1, 'hello'));
    hold.receive(resize);
    expect(loads).toBe(0);
    expect(delivered).toHaveLength(3);
    hold.receive({ c: 1, op: 'bin', data: new Uint8Array([13]) });
    hold.receive(resize);
    expect(loads).toBe(1);
    expect(hold.held).toBe(2);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(delivered.slice(3)).toEqual(['bin', `1:${JSON.stringify({ type: 'resize', cols: 90, rows: 30 })}`]);
  });

  it('delivers what it held when the load fails, and reports the failure', async () => {
    const { hold, delivered, errors } = harness(() => Promise.reject(new Error('offline')));
    hold.receive({ c: 1, op: 'open' });
    hold.receive(text(1, 'hello'));
    hold.receive(text(1, 'resize'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(delivered).toEqual(['open', '1:hello', '1:resize']);
    expect(errors).toHaveLength(1);
  });
});
