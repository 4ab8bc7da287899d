import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { FakeSimulation } from '../shell/fake-simulation.ts';
import { openTerminal } from './open-terminal.ts';

describe('fuzzed input', () => {
  it('survives random keys, sequences and bytes, and the shell still answers', async () => {
    const t = openTerminal({ cols: 37, simulation: new FakeSimulation({ clock: new VirtualClock() }) });
    let seed = 1234;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    const pieces = [
      '\r',
      '\n',
      '\x7f',
      '\b',
      '\t',
      '\x1b[A',
      '\x1b[B',
      '\x1b[C',
      '\x1b[D',
      '\x1b[3~',
      '\x1bOH',
      '\x01',
      '\x05',
      '\x15',
      '\x0b',
      '\x17',
      '\x19',
      '\x0c',
      '\x1b]52;c;Zm9v\x07',
      '\x1b[200~',
      '\x1b[201~',
      '\x9b',
      '\x1bP',
      '\x1b\\',
      '"',
      "'",
      '|',
      '&&',
      ';',
      '$(',
      ')',
      '`',
      '\\',
      '网',
      '🙂',
      'e',
      'c',
      'h',
      'o',
      ' ',
      'x',
      '#',
      '>',
      '<',
      '{',
      '}',
      'for',
      'do',
      'done',
    ];
    for (let i = 0; i < 3000; i++) {
      if (next() % 5 === 0) {
        const bytes = new Uint8Array(1 + (next() % 6)).map(() => next() % 256);
        t.type(bytes.map((b) => (b === 3 || b === 4 ? 0x20 : b)));
      } else {
        t.type(pieces[next() % pieces.length] as string);
      }
      if (i % 100 === 0) await t.settle(1);
    }
    await t.settle();
    t.type('\x1b\\\x07\x1b[201~\x03');
    await t.settle();
    t.type('\x03\x15echo survived\r');
    await t.settle();
    expect(t.screen.text().split('\n')).toContain('survived');
    expect(t.raw()).not.toMatch(/\x1b\]|\x1bP|\x9b/);
  });
});
