/**
 * Tab completion for the shell: which word the cursor is in, which command it belongs to, and the
 * candidates for it (command names in command position; docker's command tree and whatever the
 * model offers after that).
 */
import type { Completion } from './terminal.ts';
import { dockerCompletion } from '../userland/program-source.ts';

/** Where completion candidates come from. */
export interface CompletionSources {
  /** Builtins and installed programs. */
  commandNames(): readonly string[];
  /** The model's candidates for the last of `words` (container names, flags...). */
  fromModel(words: readonly string[]): readonly string[];
}

/** Words that run the command after them, so completion treats the next word as a command. */
const PREFIX_COMMANDS = new Set(['sudo', 'time', 'watch', 'exec', 'nohup', '!']);

/** Candidates for the word that ends `textBeforeCursor`, sorted and de-duplicated. */
export function completeCommandLine(textBeforeCursor: string, sources: CompletionSources): Completion {
  const { words, start, quoted } = wordsOfLastCommand(textBeforeCursor);
  const partial = words[words.length - 1] ?? '';
  if (quoted) return { start, candidates: [] };
  let first = 0;
  while (first < words.length - 1 && (PREFIX_COMMANDS.has(words[first] ?? '') || /^[A-Za-z_]\w*=/.test(words[first] ?? ''))) {
    first++;
  }
  const command = words.slice(first);
  let pool: readonly string[];
  if (command.length === 1) {
    pool = partial.includes('/') ? [] : sources.commandNames();
  } else {
    pool = [...dockerCompletion().dockerCommandWords(command), ...safely(() => sources.fromModel(command))];
  }
  const candidates = [...new Set(pool.filter((c) => c.startsWith(partial) && c.length > 0))].sort();
  return { start, candidates };
}

function safely(f: () => readonly string[]): readonly string[] {
  try {
    const result = f();
    return Array.isArray(result) ? result.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Split the text before the cursor leniently (it is usually unfinished): words of the last
 * command after any `|`, `;`, `&&`, `(`, `$(`, and where the last word starts.
 */
function wordsOfLastCommand(text: string): { words: string[]; start: number; quoted: boolean } {
  let words: string[] = [];
  let current = '';
  let start = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === quote) quote = undefined;
      current += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      current += c;
    } else if (c === '\\' && i + 1 < text.length) {
      current += text[++i];
    } else if (c === ' ' || c === '\t') {
      if (current) words.push(current);
      current = '';
      start = i + 1;
    } else if ('|;&()`'.includes(c) || (c === '$' && text[i + 1] === '(')) {
      words = [];
      current = '';
      if (c === '$') i++;
      start = i + 1;
    } else {
      current += c;
    }
  }
  words.push(current);
  return { words, start, quoted: quote !== undefined || /["']/.test(current) };
}
