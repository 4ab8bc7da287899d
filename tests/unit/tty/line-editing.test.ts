import { describe, expect, it } from 'vitest';
import { openTerminal } from './open-terminal.ts';

const PROMPT = 'root@node1:~# ';

describe('echo and editing', () => {
  it('shows the first prompt as soon as someone listens', () => {
    const t = openTerminal();
    expect(t.screen.text()).toBe(PROMPT.trimEnd());
  });

  it('echoes what is typed and runs it on Enter', async () => {
    const t = openTerminal();
    await t.typeAndSettle('echo hello\r');
    expect(t.screen.text()).toBe(`${PROMPT}echo hello\nhello\n${PROMPT.trimEnd()}`);
  });

  it('inserts in the middle after Left arrow', async () => {
    const t = openTerminal();
    t.type('echo hllo');
    t.type('\x1b[D\x1b[D\x1b[D');
    t.type('e');
    expect(t.screen.cursorLine()).toBe(`${PROMPT}echo hello`);
    expect(t.screen.col).toBe(PROMPT.length + 7);
    await t.typeAndSettle('\r');
    expect(t.screen.line(1)).toBe('hello');
  });

  it('moves with Right arrow, Ctrl-B and Ctrl-F', async () => {
    const t = openTerminal();
    t.type('echo ac\x02\x02\x1b[Cb\x06\x06');
    await t.typeAndSettle('!\r');
    expect(t.screen.line(1)).toBe('abc!');
  });

  for (const [name, home, end] of [
    ['CSI H/F', '\x1b[H', '\x1b[F'],
    ['SS3 H/F', '\x1bOH', '\x1bOF'],
    ['CSI 1~/4~', '\x1b[1~', '\x1b[4~'],
    ['CSI 7~/8~', '\x1b[7~', '\x1b[8~'],
    ['Ctrl-A/E', '\x01', '\x05'],
  ] as const) {
    it(`goes Home and End with ${name}`, async () => {
      const t = openTerminal();
      t.type(`cho x${home}e${end}y`);
      await t.typeAndSettle('\r');
      expect(t.screen.line(1)).toBe('xy');
    });
  }

  it('deletes backwards with DEL and \\b, forwards with Delete and Ctrl-D', async () => {
    const t = openTerminal();
    t.type('echo abcX\x7fY\bZ\x01\x1b[3~\x04');
    t.type('ec');
    expect(t.screen.cursorLine()).toBe(`${PROMPT}echo abcZ`);
    await t.typeAndSettle('\r');
    expect(t.screen.line(1)).toBe('abcZ');
  });

  it('kills with Ctrl-U, Ctrl-K, Ctrl-W and yanks back with Ctrl-Y', async () => {
    const t = openTerminal();
    t.type('junk words\x15'); // Ctrl-U: all before the cursor
    expect(t.screen.cursorLine()).toBe(PROMPT.trimEnd());
    t.type('echo one two\x17'); // Ctrl-W: the word before
    expect(t.screen.cursorLine()).toBe(`${PROMPT}echo one`);
    t.type('\x19'); // Ctrl-Y: back
    t.type('\x01\x1b[C\x1b[C\x1b[C\x1b[C\x0b'); // Ctrl-K after "echo"
    expect(t.screen.cursorLine()).toBe(`${PROMPT}echo`);
    t.type(' \x19');
    await t.typeAndSettle('\r');
    expect(t.screen.line(1)).toBe('one two');
  });

  it('moves and kills by words with Alt-b, Alt-f, Alt-d and Ctrl-Left', async () => {
    const t = openTerminal();
    t.type('echo alpha beta\x1bb\x1bb\x1bd');
    expect(t.screen.cursorLine()).toBe(`${PROMPT}echo  beta`);
    t.type('\x1b[1;5C\x1b[1;5D\x1bf');
    await t.typeAndSettle('!\r');
    expect(t.screen.line(1)).toBe('beta!');
  });

  it('Ctrl-L clears the screen and redraws the prompt and line', async () => {
    const t = openTerminal();
    await t.typeAndSettle('echo one\r');
    t.type('echo two\x0c');
    expect(t.screen.text()).toBe(`${PROMPT}echo two`);
  });

  it('takes \\r, \\n and \\r\\n each as one Enter', async () => {
    const t = openTerminal();
    await t.typeAndSettle('echo a\r\necho b\necho c\r');
    await t.settle();
    expect(t.screen.text()).toBe([`${PROMPT}echo a`, 'a', `${PROMPT}echo b`, 'b', `${PROMPT}echo c`, 'c', PROMPT.trimEnd()].join('\n'));
  });

  it('takes a \\r\\n split across two writes as one Enter', async () => {
    const t = openTerminal();
    await t.typeAndSettle('echo a\r');
    await t.typeAndSettle('\necho b\r');
    expect(t.screen.text()).toBe([`${PROMPT}echo a`, 'a', `${PROMPT}echo b`, 'b', PROMPT.trimEnd()].join('\n'));
  });

  it('caps a line at 4096 characters and beeps beyond', async () => {
    const t = openTerminal();
    t.type(`echo ${'x'.repeat(5000)}`);
    expect(t.screen.bells).toBe(1);
    await t.typeAndSettle('\r');
    expect(t.raw()).toContain(`\r\n${'x'.repeat(4091)}\r\n`);
  });
});

describe('prompt and wide characters', () => {
  it('shows the working directory in the prompt after cd', async () => {
    const t = openTerminal();
    await t.typeAndSettle('cd /etc\r');
    expect(t.screen.cursorLine()).toBe('root@node1:/etc#');
    await t.typeAndSettle('cd ~/x\r');
    expect(t.screen.cursorLine()).toBe('root@node1:~/x#');
  });

  it('moves over a CJK character by its two cells', async () => {
    const t = openTerminal();
    t.type('echo 网络');
    const before = t.raw().length;
    t.type('\x1b[D');
    expect(t.raw().slice(before)).toBe('\x1b[2D');
    t.type('x');
    await t.typeAndSettle('\r');
    expect(t.raw()).toContain('\r\n网x络\r\n');
  });
});

describe('lines wider than the terminal', () => {
  it('wraps a long line and stays correct when editing in the middle', async () => {
    const t = openTerminal({ cols: 20 });
    t.type('echo 0123456789abcdefghijklmnopqrstuvwxyz');
    // Back over 20 characters, across the row boundary, then insert.
    t.type('\x1b[D'.repeat(20));
    t.type('_');
    const rows = [t.screen.line(0), t.screen.line(1), t.screen.line(2), t.screen.line(3)].join('');
    expect(rows).toBe(`${PROMPT}echo 0123456789abcdef_ghijklmnopqrstuvwxyz`);
    t.type('\x7f\x7f');
    const after = [t.screen.line(0), t.screen.line(1), t.screen.line(2), t.screen.line(3)].join('');
    expect(after).toBe(`${PROMPT}echo 0123456789abcdeghijklmnopqrstuvwxyz`);
    await t.typeAndSettle('\r');
    expect(t.raw()).toContain('0123456789abcdeghijklmnopqrstuvwxyz\r\n');
    expect(t.screen.cursorLine()).toBe(PROMPT.trimEnd());
  });

  it('recalls a long line from history over a short one without leftovers', async () => {
    const t = openTerminal({ cols: 20 });
    await t.typeAndSettle('echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r');
    t.type('x\x1b[A');
    t.type('\x1b[B');
    expect(t.screen.cursorLine()).toBe(`${PROMPT}x`);
    expect(t.screen.line(t.screen.row + 1)).toBe('');
  });

  it('keeps a line that exactly fills a row correct', async () => {
    const t = openTerminal({ cols: 20 });
    t.type('echo ab'); // 14 + 7 = 21 > 20; first fill exactly 20 cells
    t.type('\x7f\x7f');
    t.type('a'); // 20 cells exactly
    t.type('b');
    await t.typeAndSettle('\r');
    expect(t.raw()).toContain('\r\nab\r\n');
  });
});

describe('history', () => {
  it('Up arrow recalls the previous command', async () => {
    const t = openTerminal();
    await t.typeAndSettle('echo first\r');
    await t.typeAndSettle('echo second\r');
    t.type('\x1b[A');
    expect(t.screen.cursorLine()).toBe(`${PROMPT}echo second`);
    t.type('\x1bOA');
    expect(t.screen.cursorLine()).toBe(`${PROMPT}echo first`);
    await t.typeAndSettle('\r');
    expect(t.screen.line(-2)).toBe('first');
  });

  it('Down arrow goes back to the line being typed', async () => {
    const t = openTerminal();
    await t.typeAndSettle('echo first\r');
    t.type('echo dra');
    t.type('\x1b[A');
    t.type('\x1b[B');
    expect(t.screen.cursorLine()).toBe(`${PROMPT}echo dra`);
    t.type('\x1bOB'); // nothing below the draft
    expect(t.screen.cursorLine()).toBe(`${PROMPT}echo dra`);
  });

  it('does not record a repeat of the previous line or a line starting with a space', async () => {
    const t = openTerminal();
    await t.typeAndSettle('echo a\r');
    await t.typeAndSettle('echo a\r');
    await t.typeAndSettle(' echo secret\r');
    await t.typeAndSettle('history\r');
    expect(t.raw()).toContain('    1  echo a\r\n    2  history\r\n');
  });
});

describe('hostile and odd input', () => {
  it('invalid UTF-8 input never throws', async () => {
    const t = openTerminal();
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 500; i++) {
      const bytes = new Uint8Array(1 + Math.floor(random() * 16));
      for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(random() * 256);
      // Not Enter/Ctrl-C/Ctrl-D: keep typing into one line.
      t.type(bytes.map((b) => (b === 13 || b === 10 || b === 3 || b === 4 ? 0x41 : b)));
    }
    // End any escape string or paste the noise opened, then Ctrl-E Ctrl-U to empty the line.
    t.type('\x07\x1b\\\x1b[201~\x05\x15');
    t.type(new Uint8Array([0x65, 0x63, 0x68, 0x6f, 0x20, 0xff, 0xc3, 0x0d]));
    await t.settle();
    expect(t.screen.line(-2)).toBe('\uFFFD\uFFFD');
  });

  it('decodes a UTF-8 character split across two writes', async () => {
    const t = openTerminal();
    const bytes = new TextEncoder().encode('echo 网络\r');
    t.type(bytes.slice(0, 7));
    t.type(bytes.slice(7));
    await t.settle();
    expect(t.raw()).toContain('\r\n网络\r\n');
  });

  it('OSC 52 in input is not echoed', async () => {
    const t = openTerminal();
    t.type('echo a\x1b]52;c;aGVsbG8=\x07b\x1b]52;c;d29ybGQ=\x1b\\c');
    expect(t.raw()).not.toContain('52;');
    expect(t.raw()).not.toContain('\x1b]');
    await t.typeAndSettle('\r');
    expect(t.screen.line(1)).toBe('abc');
  });

  it('drops DCS, unknown CSI sequences, C0 and C1 controls', async () => {
    const t = openTerminal();
    t.type('echo a\x1bPq#0;2;0;0;0\x1b\\b\x1b[?1049h\x1b[5;7Xc\x00\x1a\x9b31m\u0085d\x1b[I');
    await t.typeAndSettle('\r');
    expect(t.screen.line(1)).toBe('abcd');
    expect(t.raw()).not.toMatch(/\x1bP|\x9b|\u0085|\x1a/);
  });

  it('waits for the rest of an escape sequence split across writes', async () => {
    const t = openTerminal();
    await t.typeAndSettle('echo one\r');
    t.type('\x1b');
    t.type('[');
    t.type('A');
    expect(t.screen.cursorLine()).toBe(`${PROMPT}echo one`);
  });

  it('drops a lone Escape before Enter and still runs the line', async () => {
    const t = openTerminal();
    await t.typeAndSettle('echo esc\x1b\r');
    expect(t.screen.line(1)).toBe('esc');
  });

  it('treats a bracketed paste as plain text and runs pasted lines one by one', async () => {
    const t = openTerminal();
    t.type('\x1b[200~echo one\techo\recho two\r\x1b[201~');
    await t.settle();
    await t.settle();
    expect(t.screen.text()).toBe([`${PROMPT}echo one echo`, 'one echo', `${PROMPT}echo two`, 'two', PROMPT.trimEnd()].join('\n'));
  });
});
