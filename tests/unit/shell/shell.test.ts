import { describe, expect, it } from 'vitest';
import { typeLine, typeLines } from './typed-lines.ts';

describe('command lists', () => {
  it('runs the right side of && only when the left succeeds', async () => {
    expect(await typeLine('echo a && echo b')).toEqual({ output: 'a\nb\n', exit: 0 });
    expect(await typeLine('fail && echo b')).toEqual({ output: '', exit: 1 });
  });

  it('runs the right side of || only when the left fails', async () => {
    expect(await typeLine('fail || echo rescued')).toEqual({ output: 'rescued\n', exit: 0 });
    expect(await typeLine('echo ok || echo never')).toEqual({ output: 'ok\n', exit: 0 });
  });

  it('chains && and || left to right', async () => {
    expect((await typeLine('fail && echo no || echo yes')).output).toBe('yes\n');
  });

  it('runs every command of a ; list and keeps the last status', async () => {
    expect(await typeLine('echo a; fail 3')).toEqual({ output: 'a\n', exit: 3 });
  });

  it('runs a trailing & in the background: [1] PID, its output, then Done before the next prompt', async () => {
    expect(await typeLine('echo bg &')).toEqual({ output: '[1] 2062\nbg\n[1]+  Done                    echo bg\n', exit: 0 });
  });

  it('ignores comments', async () => {
    expect((await typeLine('echo a # not this')).output).toBe('a\n');
    expect((await typeLine('# only a comment')).output).toBe('');
  });
});

describe('pipelines', () => {
  it("feeds each stage's stdout to the next stage", async () => {
    expect(await typeLine('ping -c 3 box2 | grep seq=1')).toEqual({
      output: '64 bytes from 172.18.0.3: seq=1 ttl=64 time=0.080 ms\n',
      exit: 0,
    });
  });

  it('has the status of its last stage, negated by !', async () => {
    expect((await typeLine('echo x | grep y')).exit).toBe(1);
    expect((await typeLine('! echo x | grep y')).exit).toBe(0);
  });

  it('sends stderr straight to the terminal, unless 2>&1 or |& joins it', async () => {
    expect((await typeLine('warn | grep nothing')).output).toBe('err\n');
    expect((await typeLine('warn 2>&1 | grep err')).output).toBe('err\n');
    expect((await typeLine('warn |& grep err')).output).toBe('err\n');
  });
});

describe('quoting and expansion', () => {
  it('keeps quoted spaces in one argument and splits unquoted expansions', async () => {
    const [, a, b, c] = await typeLines(['X="1  2"', 'args "$X"', 'args $X', 'args \'a b\' "c\\"d" e\\ f']);
    expect(a?.output).toBe('[1  2]\n');
    expect(b?.output).toBe('[1][2]\n');
    expect(c?.output).toBe('[a b][c"d][e f]\n');
  });

  it('expands $?, ${VAR}, defaults and lengths', async () => {
    const records = await typeLines(['fail 7', 'echo $?', 'N=abc', 'echo ${N}x ${#N} ${NONE:-dflt}']);
    expect(records[1]?.output).toBe('7\n');
    expect(records[3]?.output).toBe('abcx 3 dflt\n');
  });

  it('substitutes command output, nested, dropping trailing newlines', async () => {
    expect((await typeLine('echo "[$(echo $(echo inner))]"')).output).toBe('[inner]\n');
    expect((await typeLine('echo `echo back`')).output).toBe('back\n');
  });

  it('expands ~ to the home directory and keeps an unmatched glob literal', async () => {
    expect((await typeLine('echo ~ ~/x "~" *.txt')).output).toBe('/root /root/x ~ *.txt\n');
  });

  it('passes exported variables and per-command assignments to programs', async () => {
    const records = await typeLines(['export COLOR=blue', 'SHAPE=round env | grep -e', 'env | grep SHAPE']);
    const records2 = await typeLines(['export COLOR=blue', 'SHAPE=round env']);
    expect(records2[1]?.output).toContain('COLOR=blue\n');
    expect(records2[1]?.output).toContain('SHAPE=round\n');
    expect(records[2]?.exit).toBe(1);
  });
});

describe('redirections', () => {
  it('discards output sent to /dev/null', async () => {
    expect((await typeLine('warn >/dev/null')).output).toBe('err\n');
    expect((await typeLine('warn 2>/dev/null')).output).toBe('out\n');
    expect((await typeLine('warn >/dev/null 2>&1')).output).toBe('');
    expect((await typeLine('warn &>/dev/null')).output).toBe('');
  });

  it('says clearly that it cannot write other files', async () => {
    expect(await typeLine('echo hi > notes.txt')).toEqual({
      output: 'bash: notes.txt: cannot write files in this simulated shell (only >/dev/null)\n',
      exit: 1,
    });
  });

  it("reads < file through the target's cat and takes <<< strings", async () => {
    expect((await typeLine('grep node < /etc/hostname')).output).toBe('node1\n');
    expect((await typeLine('grep x < /nope')).output).toBe('bash: /nope: No such file or directory\n');
    expect((await typeLine('grep b <<< abc')).output).toBe('abc\n');
  });
});

describe('errors in bash words', () => {
  it('reports an unexpected token like bash', async () => {
    expect(await typeLine('| echo')).toEqual({ output: "bash: syntax error near unexpected token `|'\n", exit: 2 });
    expect((await typeLine('echo a && && b')).output).toBe("bash: syntax error near unexpected token `&&'\n");
    expect((await typeLine('echo a ;; echo b')).output).toBe("bash: syntax error near unexpected token `;;'\n");
    expect((await typeLine('echo >')).output).toBe("bash: syntax error near unexpected token `newline'\n");
  });

  it('says command not found with status 127', async () => {
    expect(await typeLine('nosuch --flag')).toEqual({ output: 'bash: nosuch: command not found\n', exit: 127 });
  });

  it('passes a command given as a path to the simulation as is', async () => {
    expect((await typeLine('/bin/echo path')).output).toBe('path\n');
  });

  it('reports a program that throws without crashing the shell', async () => {
    const [a, b] = await typeLines(['crash', 'echo still here']);
    expect(a).toMatchObject({ output: 'crash: simulator error: model bug\n', exit: 1 });
    expect(b?.output).toBe('still here\n');
  });
});

describe('continuation lines', () => {
  it('waits for the closing quote on the next line', async () => {
    const [first, second] = await typeLines(['echo "a', 'b"']);
    expect(first?.output).toBe('');
    expect(second?.output).toBe('a\nb\n');
  });

  it('continues after a trailing pipe or &&', async () => {
    const [, second] = await typeLines(['echo abc |', 'grep b']);
    expect(second?.output).toBe('abc\n');
  });

  it('reports an unfinished quote at the end of input like bash', async () => {
    const sandboxLines = ['echo "a'];
    const records = await typeLines(sandboxLines);
    expect(records[0]?.output).toBe('');
  });
});

describe('compound commands', () => {
  it('loops with for over words and command output', async () => {
    expect((await typeLine('for i in 1 2 $(echo 3); do echo n$i; done')).output).toBe('n1\nn2\nn3\n');
  });

  it('branches with if/elif/else', async () => {
    expect((await typeLine('if fail; then echo a; elif echo x | grep x >/dev/null; then echo b; else echo c; fi')).output).toBe('b\n');
  });

  it('groups commands and runs ( ) in a subshell', async () => {
    const [a, b] = await typeLines(['(cd /tmp; pwd); pwd', '{ echo a; echo b; } | grep b']);
    expect(a?.output).toBe('/tmp\n/root\n');
    expect(b?.output).toBe('b\n');
  });

  it('runs while loops until the condition fails', async () => {
    const [, loop] = await typeLines(['N=x', 'while echo $N | grep xxx >/dev/null; do N=done; done; echo ok']);
    expect(loop?.output).toBe('ok\n');
  });
});

describe('builtins', () => {
  it('cd changes the directory, the prompt and pwd; cd - goes back', async () => {
    const records = await typeLines(['cd /etc', 'pwd', 'cd -', 'cd', 'pwd']);
    expect(records[1]?.output).toBe('/etc\n');
    expect(records[2]?.output).toBe('/root\n');
    expect(records[4]?.output).toBe('/root\n');
  });

  it('history lists the commands typed, numbered like bash', async () => {
    const records = await typeLines(['echo one', 'echo two', 'history']);
    expect(records[2]?.output).toBe('    1  echo one\n    2  echo two\n    3  history\n');
  });

  it('clear prints the clear-screen sequence', async () => {
    expect((await typeLine('clear')).output).toBe('\x1b[H\x1b[2J\x1b[3J');
  });

  it('help lists builtins and installed programs', async () => {
    const { output } = await typeLine('help');
    expect(output).toContain('cd [dir]');
    expect(output).toMatch(/ docker( |\n)/);
  });

  it('type tells builtins from programs', async () => {
    expect((await typeLine('type cd docker nosuch')).output).toBe('cd is a shell builtin\ndocker is /usr/bin/docker\nbash: type: nosuch: not found\n');
  });

  it('exit N leaves the shell with status N and a fresh login shell takes over', async () => {
    const records = await typeLines(['exit 3', 'echo $?', 'echo again']);
    expect(records[0]).toEqual({ cmd: 'exit 3', output: 'exit\n', exit: 3 });
    expect(records[2]?.output).toBe('again\n');
  });

  it('exit inside $( ) only ends the substitution', async () => {
    expect(await typeLine('echo $(exit 4; echo no)after')).toEqual({ output: 'after\n', exit: 0 });
  });
});
