/**
 * The CLI's listing formatter (cli/command/formatter/formatter.go): the header row of a `table`
 * format runs with the header functions and cannot fail, a template that fails prints nothing but
 * "template parsing error: …", and the format is trimmed of spaces before its escapes expand.
 */
import { describe, expect, it } from 'vitest';
import { newSandbox } from './run-program.ts';

async function withContainer() {
  const s = newSandbox(11);
  expect((await s.exec('docker run -dit --name web1 -l tier=front busybox')).exit).toBe(0);
  return s;
}

describe('docker ps --format', () => {
  it('keeps column names intact in a table header: json, upper and title leave them alone', async () => {
    const s = await withContainer();
    const r = await s.exec("docker ps --format 'table {{json .Names}}\\t{{lower .Image}}'");
    expect(r).toEqual({ exit: 0, output: 'NAMES     IMAGE\n"web1"    busybox\n' });
  });

  it('a header action that cannot run on column names ends the header there, the rows still print', async () => {
    const s = await withContainer();
    const r = await s.exec(`docker ps --format 'table {{.Names}}\\t{{.Label "tier"}}'`);
    expect(r).toEqual({ exit: 0, output: 'NAMES     \nweb1      front\n' });
  });

  it('a template that fails prints nothing but the error, worded "template parsing error"', async () => {
    const s = await withContainer();
    expect(await s.exec("docker ps --format '{{.Nope}}'")).toEqual({
      exit: 1,
      output: 'template parsing error: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.ContainerContext\n',
    });
    expect(await s.exec("docker ps --format '{{nofunc .Names}}'")).toEqual({ exit: 1, output: 'template parsing error: template: :1: function "nofunc" not defined\n' });
  });

  it('trims spaces around the format before expanding \\t and \\n', async () => {
    const s = await withContainer();
    expect(await s.exec("docker ps --format '  {{.Names}}|  '")).toEqual({ exit: 0, output: 'web1|\n' });
  });
});
