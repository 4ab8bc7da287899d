import { describe, expect, it } from 'vitest';
import { checkTemplate, executeTemplate, renderTemplate } from '../../../src/sandbox/sim/userland/docker/go-template.ts';
import { map, STRING } from '../../../src/sandbox/sim/userland/docker/go-types.ts';

const data = {
  Name: 'bridge2',
  IPAM: { Driver: 'default', Options: {}, Config: [{ Subnet: '172.18.0.0/16', Gateway: '172.18.0.1' }] },
  Containers: { b2: { Name: 'box2' }, a1: { Name: 'box1' } },
  Labels: {},
};

describe('Go templates for --format', () => {
  it('reads fields, ranges and indexes', () => {
    expect(renderTemplate('{{.Name}}', data)).toEqual({ ok: true, text: 'bridge2' });
    expect(renderTemplate('{{range .IPAM.Config}}{{.Subnet}}{{end}}', data)).toEqual({ ok: true, text: '172.18.0.0/16' });
    expect(renderTemplate('{{(index .IPAM.Config 0).Gateway}}', data)).toEqual({ ok: true, text: '172.18.0.1' });
    expect(renderTemplate('{{range $id, $c := .Containers}}{{$c.Name}} {{end}}', data)).toEqual({ ok: true, text: 'box1 box2 ' });
  });

  it('prints values the way Go fmt does', () => {
    expect(renderTemplate('{{.Labels}}', data)).toEqual({ ok: true, text: 'map[]' });
    expect(renderTemplate('{{json .IPAM.Config}}', data)).toEqual({ ok: true, text: '[{"Subnet":"172.18.0.0/16","Gateway":"172.18.0.1"}]' });
    expect(renderTemplate('{{len .Containers}}', data)).toEqual({ ok: true, text: '2' });
    expect(renderTemplate('{{.Nope}}', { a: 1 })).toEqual({ ok: true, text: '<no value>' });
  });

  it('supports if/else if/else and trim markers', () => {
    const t = '{{if eq .Name "x"}}X{{else if eq .Name "bridge2"}}B{{else}}O{{end}}';
    expect(renderTemplate(t, data)).toEqual({ ok: true, text: 'B' });
    expect(renderTemplate('a  {{- .Name -}}  b', data)).toEqual({ ok: true, text: 'abridge2b' });
  });

  it('reports errors instead of throwing', () => {
    expect(renderTemplate('{{.Name', data).ok).toBe(false);
    expect(renderTemplate('{{nofunc .Name}}', data).ok).toBe(false);
  });

  it('compares numbers as numbers and refuses mixed kinds, as text/template does', () => {
    expect(renderTemplate('{{if lt 9 10}}y{{else}}n{{end}} {{if gt .M .N}}y{{else}}n{{end}}', { M: 10, N: 9 })).toEqual({ ok: true, text: 'y y' });
    expect(renderTemplate('{{le 2 2}} {{ge 1 2}} {{lt "a" "b"}}', data)).toEqual({ ok: true, text: 'true false true' });
    expect(renderTemplate('{{lt 1 "a"}}', data)).toEqual({ ok: false, error: 'template: :1:2: executing "" at <lt>: error calling lt: incompatible types for comparison' });
    expect(renderTemplate('{{eq}}', data)).toEqual({ ok: false, error: 'template: :1:2: executing "" at <eq>: wrong number of args for eq: want at least 1 got 0' });
  });

  it('keeps a variable declared by if or with until its end, in both branches', () => {
    expect(renderTemplate('{{with $x := .Name}}[{{$x}}]{{end}}', data)).toEqual({ ok: true, text: '[bridge2]' });
    expect(renderTemplate('{{if $n := len .Labels}}{{else}}({{$n}}){{end}}', data)).toEqual({ ok: true, text: '(0)' });
  });

  it('assigns with = to the variable declared outside, so a range can join with separators', () => {
    const list = { L: ['a', 'b', 'c'] };
    expect(renderTemplate('{{$first := true}}{{range .L}}{{if not $first}}, {{end}}{{$first = false}}{{.}}{{end}}', list)).toEqual({ ok: true, text: 'a, b, c' });
    expect(renderTemplate('{{$n:=1}}{{$n}}', list)).toEqual({ ok: true, text: '1' });
    expect(renderTemplate('{{$x = 1}}', list)).toEqual({ ok: false, error: 'template: :1: undefined variable "$x"' });
  });

  it('ends an action at the first }} outside a string or comment', () => {
    expect(renderTemplate('{{"}}"}}|{{`}}`}}|{{/* "quoted }} */}}ok', data)).toEqual({ ok: true, text: '}}|}}|ok' });
  });

  it('rejects an unknown function when parsing, even in a branch never taken', () => {
    expect(renderTemplate('{{if false}}{{nofunc}}{{end}}ok', data)).toEqual({ ok: false, error: 'template: :1: function "nofunc" not defined' });
    expect(checkTemplate('{{nofunc}}')).toBe('function "nofunc" not defined');
    // Names of JavaScript's Object.prototype are no template functions and no map keys.
    expect(renderTemplate('{{toString}}', data)).toEqual({ ok: false, error: 'template: :1: function "toString" not defined' });
    const labels = { type: map(STRING, STRING), data: { a: 'b' } };
    expect(executeTemplate('{{.constructor}}|{{index . "constructor"}}|{{.a}}', labels)).toEqual({ ok: true, text: '<no value>||b' });
  });

  it('printf honours precision, zero padding, %x and %q, and words its mistakes as fmt does', () => {
    expect(renderTemplate('{{printf "%.3s|%5d|%-4s|%05d|%x|%q|%.2f" .Name 42 "ab" -7 255 "a\\tb" 1.5}}', data)).toEqual({ ok: true, text: 'bri|   42|ab  |-0007|ff|"a\\tb"|1.50' });
    expect(renderTemplate('{{printf "%d" .Name}} {{printf "%s %s" "a"}} {{printf "%s" "a" "b"}}', data)).toEqual({ ok: true, text: '%!d(string=bridge2) a %!s(MISSING) a%!(EXTRA string=b)' });
  });

  it('reads string literals as Go does: a raw tab (the CLI expands \\t first), \\x and \\u escapes', () => {
    expect(renderTemplate('{{printf "%s\t%s" "a" "b"}}|{{"\\x41\\u00e9\\303\\251"}}', data)).toEqual({ ok: true, text: 'a\tb|Aéé' });
    expect(renderTemplate('{{"\\q"}}', data)).toEqual({ ok: false, error: 'template: :1: invalid syntax' });
  });

  it('clamps widths, so one template cannot build hundreds of megabytes in the shared process', () => {
    const padded = renderTemplate('{{printf "%300000000s" "x"}}', data);
    expect(padded.ok && padded.text.length).toBe(65_536);
    const spaced = renderTemplate('{{pad "x" 300000000 0}}', data);
    expect(spaced.ok && spaced.text.length).toBe(65_537);
    // The CLI's padWithSpace leaves an empty text empty.
    expect(renderTemplate('[{{pad "" 2 2}}]', data)).toEqual({ ok: true, text: '[]' });
  });
});
