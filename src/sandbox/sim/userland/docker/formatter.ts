/**
 * The CLI's listing formatter: default tables, `--format` Go templates, the `table` prefix with
 * header row, and the \t and \n escapes the CLI expands in format strings.
 */
import type { ProgramContext } from '../program.ts';
import { checkTemplate, executeTemplate, renderTableHeader, renderTemplate } from './go-template.ts';
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

/**
 * formatter.Context.preFormat: the `table` prefix off, spaces trimmed at both ends, then the \t
 * and \n escapes expanded.
 */
function finalFormat(format: string, table: boolean): string {
  return (table ? format.slice('table'.length) : format)
    .replace(/^ +| +$/g, '')
    .replace(/\\t/g, '\t')
    .replace(/\\n/g, '\n');
}

/**
 * Print rows with `format` (Go template, optionally "table …"); headers name each field; rows run
 * as `type` when given. As formatter.Context.Write: a template that does not parse, or fails on any
 * row, prints nothing but "template parsing error: …"; a table's header row comes last, from the
 * column names, and cannot fail.
 */
export function printFormatted(ctx: ProgramContext, format: string, rows: readonly Record<string, unknown>[], headers: Record<string, string>, type?: GoType): number {
  const table = format.startsWith('table');
  const fmt = finalFormat(format, table);
  const parseError = checkTemplate(fmt);
  if (parseError !== undefined) return templateError(ctx, `template parsing error: template: :1: ${parseError}`);
  const lines: string[] = [];
  for (const row of rows) {
    const r = type ? executeTemplate(fmt, { type, data: row }) : renderTemplate(fmt, row);
    if (!r.ok) return templateError(ctx, `template parsing error: ${r.error}`);
    lines.push(r.text);
  }
  if (table) ctx.io.stdout(tabwrite([renderTableHeader(fmt, headers), ...lines].map((l) => l.split('\t'))));
  else ctx.io.stdout(lines.map((l) => l + '\n').join(''));
  return 0;
}

/** A template that fails while executing: Go's message and exit 1 (the CLI reports it as is). */
export function templateError(ctx: ProgramContext, message: string): number {
  ctx.io.stderr(`${message}\n`);
  return 1;
}
