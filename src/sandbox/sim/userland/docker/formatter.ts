/**
 * The CLI's listing formatter: default tables, `--format` Go templates, the `table` prefix with
 * header row, and the \t and \n escapes the CLI expands in format strings.
 */
import type { ProgramContext } from '../program.ts';
import { renderTemplate } from './go-template.ts';
import { tabwrite } from './tabwriter.ts';

/** Print rows with `format` (Go template, optionally "table …"); headers name each field. */
export function printFormatted(ctx: ProgramContext, format: string, rows: readonly Record<string, unknown>[], headers: Record<string, string>): number {
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
    const r = renderTemplate(fmt, row);
    if (!r.ok) return templateError(ctx, r.error);
    lines.push(r.text);
  }
  if (table) ctx.io.stdout(tabwrite(lines.map((l) => l.split('\t'))));
  else ctx.io.stdout(lines.map((l) => l + '\n').join(''));
  return 0;
}

/** A template that fails while executing: Go's message and exit 1 (the CLI reports it as is). */
export function templateError(ctx: ProgramContext, message: string): number {
  ctx.io.stderr(`template: :1:2: executing "" at <.>: ${message}\n`);
  return 1;
}
