/**
 * Tab completion of docker command lines, read from the command table (commands.ts) as the CLI's
 * bash completion offers it: command and subcommand names (without the model, so the shell can
 * offer them anywhere), and from the model the flags of the command being typed, network names
 * after `--network`, and the containers (running ones where only those make sense), images,
 * networks or nodes its operands name.
 */
import type { Daemon } from '../../daemon/daemon.ts';
import type { DockerEntry, Operand } from './command.ts';
import { DOCKER } from './commands.ts';
import type { FlagSpec } from './flags.ts';

/** The entries under `entry`, if it has any. */
function childrenOf(entry: DockerEntry): readonly DockerEntry[] | undefined {
  return entry.kind === 'command' ? undefined : entry.entries;
}

function flagsOf(entry: DockerEntry): readonly FlagSpec[] {
  return entry.kind === 'unsimulated' ? [] : entry.flags;
}

/** The flag spec a word like `--name`, `--name=x` or `-p` names, if `flags` has it. */
function flagNamed(flags: readonly FlagSpec[], word: string): FlagSpec | undefined {
  if (word.startsWith('--')) return flags.find((f) => f.name === word.slice(2).split('=')[0]);
  return word.length === 2 ? flags.find((f) => f.short === word[1]) : undefined;
}

/** Whether `word` is a flag that takes the next word as its value. */
function takesNextWord(flags: readonly FlagSpec[], word: string): boolean {
  const f = flagNamed(flags, word);
  return f !== undefined && f.type !== 'bool' && !word.includes('=');
}

/**
 * Follow `words` (a docker command line, the last word being completed) down the table: the
 * entry the line has reached and the words typed after it, before the one being completed.
 */
function locate(words: readonly string[]): { entry: DockerEntry; typed: readonly string[] } | undefined {
  if (words[0] !== 'docker') return undefined;
  const last = words.length - 1;
  let entry: DockerEntry = DOCKER;
  let i = 1;
  for (let children = childrenOf(entry); children !== undefined && i < last; children = childrenOf(entry)) {
    const word = words[i] ?? '';
    if (word.startsWith('-')) {
      i += takesNextWord(flagsOf(entry), word) ? 2 : 1;
      continue;
    }
    const next = children.find((e) => e.name === word || (e.kind === 'command' && e.aliases?.includes(word)));
    if (next === undefined) return undefined;
    entry = next;
    i++;
  }
  return { entry, typed: words.slice(i, Math.max(i, last)) };
}

/** `docker <Tab>`, `docker network <Tab>`: the names the table has at that point. */
export function dockerCommandWords(words: readonly string[]): string[] {
  const partial = words[words.length - 1] ?? '';
  const at = partial.startsWith('-') ? undefined : locate(words);
  if (at === undefined || at.typed.length > 0) return [];
  return childrenOf(at.entry)?.map((e) => e.name) ?? [];
}

/** The words Tab offers for the flags of `entry`: each visible flag's long and short form. */
export function flagWords(entry: DockerEntry): string[] {
  return flagsOf(entry)
    .filter((f) => !f.hidden)
    .flatMap((f) => (f.short === undefined ? [`--${f.name}`] : [`--${f.name}`, `-${f.short}`]));
}

/** How many operands `typed` holds (flags and their values skipped; after run's image, all are). */
function operandCount(entry: DockerEntry, typed: readonly string[]): number {
  const flags = flagsOf(entry);
  const stops = entry.kind === 'command' && entry.flagsStopAtFirstOperand === true;
  let count = 0;
  for (let i = 0; i < typed.length; i++) {
    const word = typed[i] ?? '';
    if (word.startsWith('-') && !(stops && count > 0)) {
      if (takesNextWord(flags, word)) i++;
      continue;
    }
    count++;
  }
  return count;
}

/** The names of the model's objects of one kind, in the daemon's order. */
function objects(d: Daemon, kind: Operand): string[] {
  switch (kind) {
    case 'container':
      return d.containers.map((c) => c.name);
    case 'running-container':
      return d.containers.filter((c) => c.status === 'running').map((c) => c.name);
    case 'stopped-container':
      return d.containers.filter((c) => c.status !== 'running').map((c) => c.name);
    case 'image':
      return d.images.map((i) => (i.tag === 'latest' ? i.repository : `${i.repository}:${i.tag}`));
    case 'network':
      return d.networks.map((n) => n.name);
    case 'node':
      return d.swarm?.cluster.nodes.map((n) => n.hostname) ?? [];
  }
}

/** Candidates for the last of `words` (a command line starting with `docker`) from the model. */
export function completeDocker(d: Daemon, words: readonly string[]): string[] {
  const at = locate(words);
  if (at === undefined) return [];
  const partial = words[words.length - 1] ?? '';
  const flags = flagsOf(at.entry);
  const previous = at.typed[at.typed.length - 1] ?? '';
  const valueFlag = takesNextWord(flags, previous) ? flagNamed(flags, previous) : undefined;
  if (valueFlag !== undefined) return valueFlag.valueName === 'network' ? objects(d, 'network') : [];
  if (partial.startsWith('-')) return flagWords(at.entry);
  if (at.entry.kind === 'group') return [];
  const complete = at.entry.complete;
  const index = operandCount(at.entry, at.typed);
  const kind = complete?.operands?.[index] ?? complete?.rest;
  return kind === undefined ? [] : objects(d, kind);
}
