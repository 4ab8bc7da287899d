import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../../src/sandbox/sim/userland/docker/go-template.ts';

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
});
