/**
 * The CLI's listing formatter: default tables, `--format` Go templates, the `table` prefix with
 * header row, and the \t and \n escapes the CLI expands in format strings.
 */
import type { ProgramContext } from '../program.ts';
import { executeTemplate, renderTemplate } from './go-template.ts';
import { ptr, STRING, struct, type GoMethod, type GoType } from './go-types.ts';
import { tabwrite } from './tabwriter.ts';

/**
 * A formatter context (`*formatter.ContainerContext` ...): each column is a method returning the
 * row's string, as the CLI's contexts are; `extra` adds methods that take arguments (`.Label "x"`).
 */
export function contextType(name: string, columns: readonly string[], extra: Readonly<Record<string, GoMethod>> = {}): GoType {
  const methods: Record<string, GoMethod> = { ...extra };
  for (const column of columns) methods[column] = (data) => ({ type: STRING, data: (data as Record<string, unknown>)[column] });
  return ptr(struct(name, [], methods));
}

/** Print rows with `format` (Go template, optionally "table …"); headers name each field; rows run as `type` when given. */
export function printFormatted(ctx: ProgramContext, format: string, rows: readonly Record<string, unknown>[], headers: Record<string, string>, type?: GoType): number {
  let fmt = format.replace(/\\t/g, '\t').replace(/\\n/g, '\n');
  const table = fmt.startsWith('table');
  if (table) fmt = fmt.slice(5).replace(/^\s+/, '');
  const lines: string[] = [];
  if (table) {
    const h = renderTemplate(fmt, headers);
    if (!h.ok) return templateError(ctx, h.error);
    lines.push(h.text);
  }
  for (const row of rows) {
    const r = type ? executeTemplate(fmt, { type, data: row }) : renderTemplate(fmt, row);
    if (!r.ok) return templateError(ctx, r.error);
    lines.push(r.text);
  }
  if (table) ctx.io.stdout(tabwrite(lines.map((l) => l.split('\t'))));
  else ctx.io.stdout(lines.map((l) => l + '\n').join(''));
  return 0;
}

/** A template that fails while executing: Go's message and exit 1 (the CLI reports it as is). */
export function templateError(ctx: ProgramContext, message: string): number {
  ctx.io.stderr(`${message}\n`);
  return 1;
}
