/**
 * The terminal's connection opened before xterm.js arrives (early-connection.ts): what it receives
 * before the pane attaches reaches the pane in order, starting at the last `ready`; the first hello
 * carries the size guessed without a pane, later ones the pane's.
 */
import { describe, expect, it } from 'vitest';
import { KEPT_OUTPUT_BYTES, SIZE_BEFORE_PANE, openEarly, type PaneEvents } from '../../../src/components/terminal/early-connection.ts';
import type { TransportHandlers, TransportKind } from '../../../src/components/terminal/transport.ts';

/** A transport the test drives by hand: `handlers` are the client's, `sent` what it sent. */
function fakeTransport() {
  const sent: (string | Uint8Array)[] = [];
  let handlers: TransportHandlers | undefined;
  let open = false;
  const kind: TransportKind = {
    name: 'websocket',
    sessionKey: 'test.session',
    connect(h) {
      handlers = h;
      return {
        get isOpen() {
          return open;
        },
        send: (data) => void sent.push(data),
        close: () => {
          open = false;
        },
      };
    },
  };
  return {
    kind,
    sent,
    open() {
      open = true;
      handlers?.open();
    },
    server(message: object | string) {
      handlers?.message(typeof message === 'string' ? new TextEncoder().encode(message) : JSON.stringify(message));
    },
  };
}

const ready = (session: string) => ({ type: 'ready', session, node: 'node1', checks: false });

/** A pane that records what reached it, as text. */
function recordingPane(): { events: PaneEvents; seen: string[] } {
  const seen: string[] = [];
  const events: PaneEvents = {
    onOutput: (bytes) => void seen.push(`out:${new TextDecoder().decode(bytes)}`),
    onReady: (r) => void seen.push(`ready:${r.session}`),
    onNotice: (n) => void seen.push(`notice:${n.type}`),
    onRestarted: () => void seen.push('restarted'),
    onInputRefused: () => void seen.push('refused'),
    onFallbackOffer: (reason) => void seen.push(`offer:${reason}`),
  };
  return { events, seen };
}

function hellos(sent: readonly (string | Uint8Array)[]): { cols: number; rows: number }[] {
  return sent.filter((f): f is string => typeof f === 'string' && f.includes('"hello"')).map((f) => JSON.parse(f) as { cols: number; rows: number });
}

describe('early connection', () => {
  it('connects before the pane exists and hands over what came since the last ready, in order', () => {
    const transport = fakeTransport();
    const immediate: string[] = [];
    const connection = openEarly({
      url: 'ws://unused',
      node: 'node1',
      transport: () => transport.kind,
      onStatus: (status) => void immediate.push(`status:${status}`),
      onReady: (r) => void immediate.push(`ready:${r.session}`),
      onOutput: () => void immediate.push('activity'),
    });
    transport.open();
    expect(hellos(transport.sent)).toEqual([expect.objectContaining({ ...SIZE_BEFORE_PANE })]);
    transport.server('stale screen');
    transport.server(ready('s1'));
    transport.server('node1$ ');
    // The terminal's own part (timer, status, activity) does not wait for the pane.
    expect(immediate).toEqual(['status:connecting', 'activity', 'ready:s1', 'status:connected', 'activity']);

    const pane = recordingPane();
    connection.attach(pane.events, () => ({ cols: 100, rows: 30 }));
    expect(pane.seen).toEqual(['ready:s1', 'out:node1$ ']);
    transport.server('ls\r\n');
    expect(pane.seen.at(-1)).toBe('out:ls\r\n');
    // After attaching, the connection speaks with the pane's size.
    connection.client.resize(100, 30);
    expect(transport.sent.at(-1)).toBe(JSON.stringify({ type: 'resize', cols: 100, rows: 30 }));
    connection.client.dispose();
  });

  it('keeps at most KEPT_OUTPUT_BYTES of output for a pane that has not come, dropping the oldest', () => {
    const transport = fakeTransport();
    const connection = openEarly({ url: 'ws://unused', node: 'node1', transport: () => transport.kind, onStatus: () => undefined });
    transport.open();
    transport.server(ready('s1'));
    const chunk = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 6; i++) transport.server(`${i}${chunk}`);
    const pane = recordingPane();
    connection.attach(pane.events, () => ({ cols: 80, rows: 24 }));
    const outputs = pane.seen.filter((s) => s.startsWith('out:'));
    expect(outputs.reduce((n, s) => n + s.length - 4, 0)).toBeLessThanOrEqual(KEPT_OUTPUT_BYTES);
    expect(outputs.map((s) => s[4])).toEqual(['3', '4', '5']);
    expect(pane.seen[0]).toBe('ready:s1');
    connection.client.dispose();
  });
});
