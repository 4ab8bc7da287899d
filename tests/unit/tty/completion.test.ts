import { describe, expect, it } from 'vitest';
import { openTerminal } from './open-terminal.ts';

const PROMPT = 'root@node1:~# ';

describe('Tab completion', () => {
  it('completes a unique command name with a trailing space', () => {
    const t = openTerminal();
    t.type('doc\t');
    expect(t.screen.cursorLine()).toBe(`${PROMPT}docker`);
    expect(t.screen.col).toBe(PROMPT.length + 'docker '.length);
  });

  it('completes docker subcommands and docker network subcommands', () => {
    const t = openTerminal();
    t.type('docker netw\tinsp\t');
    expect(t.screen.cursorLine()).toBe(`${PROMPT}docker network inspect`);
  });

  it('beeps on the first ambiguous Tab and lists candidates in columns on the second', () => {
    const t = openTerminal();
    t.type('docker network c');
    t.type('\t');
    expect(t.screen.bells).toBe(1);
    t.type('\t');
    expect(t.screen.text()).toBe([`${PROMPT}docker network c`, 'connect  create', `${PROMPT}docker network c`].join('\n'));
  });

  it('extends to the common prefix first', () => {
    const t = openTerminal();
    t.type('docker network dis\t');
    expect(t.screen.cursorLine()).toBe(`${PROMPT}docker network disconnect`);
    t.type('\x15docker ima\t');
    expect(t.screen.cursorLine()).toBe(`${PROMPT}docker image`);
  });

  it('offers names from the simulation after docker exec', () => {
    const t = openTerminal();
    t.type('docker exec -it we\t');
    expect(t.screen.cursorLine()).toBe(`${PROMPT}docker exec -it web`);
    t.type('\t');
    expect(t.screen.line(1)).toBe('web1  web2');
  });

  it('completes the command after a pipe', () => {
    const t = openTerminal();
    t.type('echo x | gr\t');
    expect(t.screen.cursorLine()).toBe(`${PROMPT}echo x | grep`);
  });

  it('keeps the cursor where it was after listing candidates', () => {
    const t = openTerminal();
    t.type('e x\x01\x1b[C');
    t.type('\t\t');
    expect(t.screen.line(1)).toBe('echo    env     exit    export');
    expect(t.screen.cursorLine()).toBe(`${PROMPT}e x`);
    expect(t.screen.col).toBe(PROMPT.length + 1);
  });

  it('completes builtins in command position', () => {
    const t = openTerminal();
    t.type('hist\t');
    expect(t.screen.cursorLine()).toBe(`${PROMPT}history`);
  });

  it('lays out many candidates down the columns like bash', () => {
    const t = openTerminal({ cols: 40 });
    t.type('docker s\t\t');
    const listing = [1, 2, 3, 4].map((i) => t.screen.line(i));
    expect(listing).toEqual(['save     service  stats    system', 'search   stack    stop', 'secret   start    swarm', `${PROMPT}docker s`]);
  });
});
