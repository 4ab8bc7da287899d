/**
 * `--help` and usage text as the docker CLI prints them: cobra's usage template as docker's
 * cli/cobra.go sets it, and pflag's flag listing (FlagUsagesWrapped: sorted by name, aligned,
 * wrapped to the terminal width, defaults that are not zero values shown).
 */
import { runnable, type DockerCommand, type DockerGroup } from './command.ts';
import type { FlagSpec } from './flags.ts';

/** The path of a command as typed: ["docker", "network", "create"]. */
export type CommandPath = readonly string[];

const ADDITIONAL_HELP = 'To get more help with docker, check out our guides at https://docs.docker.com/go/guides/';

/** cobra's UseLine: the parent's path and the command's own usage. */
export function useLine(path: CommandPath, cmd: DockerCommand): string {
  return [...path.slice(0, -1), cmd.use].join(' ');
}

/** pflag's type name for the value placeholder ('' for booleans). */
function valueName(flag: FlagSpec): string {
  return flag.valueName ?? (flag.type === 'bool' ? '' : flag.type);
}

/** pflag's wrapN: split at the last space before `i` (allowing `slop` more at the very end). */
function wrapN(i: number, slop: number, s: string): [string, string] {
  if (i + slop > s.length) return [s, ''];
  const w = s.slice(0, i).lastIndexOf(' ');
  if (w <= 0) return [s, ''];
  return [s.slice(0, w), s.slice(w + 1)];
}

/** pflag's wrap: `s` in lines of at most `width` columns, continuation lines indented to `indent`. */
function wrap(indent: number, width: number, s: string): string {
  let i = indent;
  let room = width - i;
  let out = '';
  if (room < 24) {
    i = 16;
    room = width - i;
    out += '\n' + ' '.repeat(i);
  }
  if (room < 24) return out + s;
  const slop = 5;
  let [line, rest] = wrapN(room - slop, slop, s);
  out += line;
  while (rest !== '') {
    [line, rest] = wrapN(room - slop, slop, rest);
    out += '\n' + ' '.repeat(i) + line;
  }
  return out;
}

/** The "Options:" lines for `flags`, wrapped to `columns`. */
export function flagUsages(flags: readonly FlagSpec[], columns: number): string {
  const shown = flags.filter((f) => !f.hidden).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const rows = shown.map((f) => {
    const names = f.short ? `  -${f.short}, --${f.name}` : `      --${f.name}`;
    const value = valueName(f);
    const left = value === '' ? names : `${names} ${value}`;
    const shownDefault = f.default === undefined ? '' : ` (default ${f.type === 'string' && f.valueName === undefined ? JSON.stringify(f.default) : f.default})`;
    return { left, text: f.usage + shownDefault };
  });
  // pflag measures each left part with a separator character, hence the +1.
  const maxlen = Math.max(0, ...rows.map((r) => r.left.length + 1));
  return rows.map((r) => `${r.left} ${' '.repeat(maxlen - r.left.length)} ${wrap(maxlen + 2, columns, r.text)}\n`).join('');
}

/** cobra's name padding: the longest subcommand name, at least 11. */
function namePadding(group: DockerGroup): number {
  return Math.max(11, ...group.entries.map((e) => e.name.length));
}

/** The usage text of a group (cobra's UsageString): its commands, each with its description. */
export function groupUsage(path: CommandPath, group: DockerGroup, columns: number): string {
  // cobra lists subcommands sorted by name.
  const shown = group.entries.filter(runnable).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const pad = namePadding(group);
  const hasFlags = group.flags.some((f) => !f.hidden);
  let text = `Usage:  ${path.join(' ')}${hasFlags ? ' [OPTIONS]' : ''} COMMAND\n\n${group.short}\n`;
  if (hasFlags) text += `\nOptions:\n${flagUsages(group.flags, columns).trimEnd()}\n`;
  const management = shown.filter((e) => e.kind === 'group');
  if (management.length > 0) text += `\nManagement Commands:\n${management.map((e) => `  ${e.name.padEnd(pad + 1)}${e.short}\n`).join('')}`;
  const commands = shown.filter((e) => e.kind === 'command');
  if (commands.length > 0) text += `\nCommands:\n${commands.map((e) => `  ${e.name.padEnd(pad)} ${e.short}\n`).join('')}`;
  text += `\nRun '${path.join(' ')} COMMAND --help' for more information on a command.\n`;
  if (path.length === 1) text += `\n${ADDITIONAL_HELP}\n`;
  return text;
}

/** The usage text of a command: usage line, description, aliases, options. */
export function commandUsage(path: CommandPath, cmd: DockerCommand, columns: number): string {
  let text = `Usage:  ${useLine(path, cmd)}\n\n${cmd.short}\n`;
  if (cmd.aliases && cmd.aliases.length > 0) text += `\nAliases:\n  ${[cmd.name, ...cmd.aliases].join(', ')}\n`;
  if (cmd.flags.some((f) => !f.hidden)) text += `\nOptions:\n${flagUsages(cmd.flags, columns).trimEnd()}\n`;
  return text;
}

/** What `--help` prints (cobra's help template: a blank line, then the usage). */
export function helpText(path: CommandPath, entry: DockerCommand | DockerGroup, columns: number): string {
  return '\n' + (entry.kind === 'group' ? groupUsage(path, entry, columns) : commandUsage(path, entry, columns));
}
