import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/sandbox/sim/shell/parser.ts';

function kind(source: string): string {
  const result = parse(source);
  return result.kind === 'error' ? `error: ${result.message}` : result.kind;
}

describe('parse', () => {
  it('asks for more input when a construct is left open', () => {
    for (const source of [
      'echo "abc',
      "echo 'abc",
      'echo abc |',
      'true &&',
      'false ||',
      'echo a\\',
      'echo $(date',
      'echo `date',
      'for i in 1 2; do echo $i',
      'if true; then echo',
      '(echo a',
      '{ echo a; }  && {',
      'while true',
    ]) {
      expect(kind(source), source).toBe('incomplete');
    }
  });

  it("names the quote it waits for, in bash's words", () => {
    expect(parse('echo "abc')).toEqual({
      kind: 'incomplete',
      messages: ['unexpected EOF while looking for matching `"\'', 'syntax error: unexpected end of file'],
    });
  });

  it('reports the unexpected token like bash', () => {
    expect(kind('| a')).toBe("error: syntax error near unexpected token `|'");
    expect(kind('a ||| b')).toBe("error: syntax error near unexpected token `|'");
    expect(kind('a; ; b')).toBe("error: syntax error near unexpected token `;'");
    expect(kind('a )')).toBe("error: syntax error near unexpected token `)'");
    expect(kind('then')).toBe("error: syntax error near unexpected token `then'");
    expect(kind('a & & b')).toBe("error: syntax error near unexpected token `&'");
    expect(kind('echo a 2>')).toBe("error: syntax error near unexpected token `newline'");
  });

  it('says plainly what this shell does not support', () => {
    expect(kind('cat <<EOF')).toBe('error: here-documents (<<): not supported by this simulated shell');
    expect(kind('echo $((1+2))')).toBe('error: arithmetic expansion $((...)): not supported by this simulated shell');
    expect(kind('case x in esac')).toBe('error: case: not supported by this simulated shell');
  });

  it('reports a bad ${} substitution', () => {
    expect(kind('echo ${a b}')).toBe('error: ${a b}: bad substitution');
  });

  it('reads a keyword as a plain word outside command position', () => {
    expect(kind('echo if then fi done')).toBe('ok');
  });

  it('treats \\-newline as a continuation and # as a comment only at a word start', () => {
    expect(kind('echo a\\\nb')).toBe('ok');
    const result = parse('echo a#b # c');
    expect(result.kind).toBe('ok');
    if (result.kind === 'ok') {
      const stage = result.list.items[0]?.andOr.first.stages[0];
      expect(stage?.kind === 'simple' && stage.words.length).toBe(2);
    }
  });

  it('keeps IO numbers apart from arguments', () => {
    const result = parse('echo 2 2>&1 3>/dev/null');
    expect(result.kind).toBe('ok');
    if (result.kind === 'ok') {
      const stage = result.list.items[0]?.andOr.first.stages[0];
      expect(stage?.kind === 'simple' && [stage.words.length, stage.redirections.map((r) => r.fd)]).toEqual([2, [2, 3]]);
    }
  });

  it('never throws on arbitrary input', () => {
    let seed = 7;
    const alphabet = 'ab $(){}[]|&;<>"\'`\\#!~=\n\t-12';
    for (let n = 0; n < 3000; n++) {
      let s = '';
      const length = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 30;
      for (let i = 0; i < length; i++) s += alphabet[(seed = (seed * 1103515245 + 12345) & 0x7fffffff) % alphabet.length];
      expect(() => parse(s)).not.toThrow();
    }
    expect(parse('$('.repeat(500)).kind).not.toBe('ok');
  });
});
