import { describe, expect, it } from 'vitest';
import { Scrollback } from '../../../src/sandbox/scrollback.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();

describe('Scrollback', () => {
  it('returns what was appended, in order', () => {
    const s = new Scrollback(100);
    s.append(enc.encode('hello '));
    s.append(enc.encode('world'));
    expect(dec.decode(s.snapshot())).toBe('hello world');
    expect(dec.decode(s.snapshot())).toBe('hello world');
  });

  it('copies input, so a driver reusing its buffer cannot rewrite history', () => {
    const s = new Scrollback(100);
    const buf = enc.encode('abc');
    s.append(buf);
    buf[0] = 0x7a;
    expect(dec.decode(s.snapshot())).toBe('abc');
  });

  it('keeps at most its capacity, cutting at a line start when one is near', () => {
    const s = new Scrollback(16);
    for (let i = 0; i < 10; i++) s.append(enc.encode(`line ${i}\n`));
    const text = dec.decode(s.snapshot());
    expect(text.length).toBeLessThanOrEqual(16);
    expect(text).toBe('line 8\nline 9\n');
  });

  it('stays bounded however many chunks arrive', () => {
    const s = new Scrollback(1024);
    for (let i = 0; i < 10_000; i++) s.append(enc.encode('x'));
    expect(s.size).toBeLessThanOrEqual(2 * 1024);
    expect(s.snapshot().length).toBe(1024);
  });

  it('keeps the tail of a single chunk larger than the capacity', () => {
    const s = new Scrollback(4);
    s.append(enc.encode('abcdefgh'));
    expect(dec.decode(s.snapshot())).toBe('efgh');
  });

  it('forgets everything on clear', () => {
    const s = new Scrollback(8);
    s.append(enc.encode('abc'));
    s.clear();
    expect(s.snapshot().length).toBe(0);
  });
});
