/**
 * tcpdump 4.99's command line: getopt with its option string (GNU getopt permutes, so options may
 * follow the filter words), the long options a learner meets, and its messages for bad ones.
 */

/** What a capture was asked for. */
export interface TcpdumpOptions {
  /** `-i`: a device name or `any`; undefined picks the first up, non-loopback device. */
  iface?: string;
  /** `-n` once: numeric hosts and ports. */
  numeric: boolean;
  /** `-e`: the link-level header. */
  linkHeader: boolean;
  /** `-c N`. */
  count?: number;
  /** `-v` (counted). */
  verbose: number;
  /** `-q`: quick (less protocol detail). */
  quick: boolean;
  /** `-t`: no timestamps. */
  noTimestamp: boolean;
  /** `-S`: absolute TCP sequence numbers. */
  absoluteSeq: boolean;
  /** `-p`: do not put the device in promiscuous mode. */
  noPromisc: boolean;
  /** The filter expression, its words joined by spaces as tcpdump does. */
  expression: string;
}

/** What the command line asks for besides a capture. */
export type ParsedCommandLine =
  | { kind: 'capture'; options: TcpdumpOptions }
  | { kind: 'version' }
  | { kind: 'usage'; status: number; message?: string }
  | { kind: 'list-interfaces' }
  | { kind: 'error'; message: string };

/** Options that take an argument (tcpdump.c's SHORTOPTS, the letters followed by ':'). */
const WITH_ARGUMENT = new Set('BcCEFGijmMQrsTVwWyzZ');
/** Options without one. */
const FLAGS = new Set('aAbdDefhHIJKlLnNOpqStuUvxXY#');
const LONG_WITH_ARGUMENT = new Set(['--count', '--interface', '--snapshot-length', '--time-stamp-precision']);
const LONG_FLAGS = new Set(['--version', '--help', '--immediate-mode', '--micro', '--nano', '--number', '--print', '--list-interfaces']);

/** Parse argv (without argv[0]). */
export function parseCommandLine(args: readonly string[]): ParsedCommandLine {
  const o: TcpdumpOptions = { numeric: false, linkHeader: false, verbose: 0, quick: false, noTimestamp: false, absoluteSeq: false, noPromisc: false, expression: '' };
  const words: string[] = [];
  let numericCount = 0;
  const apply = (opt: string, value: string | undefined): ParsedCommandLine | undefined => {
    switch (opt) {
      case 'i':
        o.iface = value;
        return undefined;
      case 'c': {
        const n = /^\d+$/.test(value ?? '') ? Number(value) : NaN;
        if (!(n > 0)) return { kind: 'error', message: `tcpdump: invalid packet count ${value}` };
        o.count = n;
        return undefined;
      }
      case 'n':
        numericCount++;
        o.numeric = true;
        return undefined;
      case 'e':
        o.linkHeader = true;
        return undefined;
      case 'v':
        o.verbose++;
        return undefined;
      case 'q':
        o.quick = true;
        return undefined;
      case 't':
        o.noTimestamp = true;
        return undefined;
      case 'S':
        o.absoluteSeq = true;
        return undefined;
      case 'p':
        o.noPromisc = true;
        return undefined;
      case 'h':
        return { kind: 'usage', status: 0 };
      case 'D':
        return { kind: 'list-interfaces' };
      default:
        // Accepted and without effect on what the model prints (-l line buffering, -s snaplen ...).
        return undefined;
    }
  };
  let listOnly: ParsedCommandLine | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--') {
      words.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, inline] = a.split('=', 2) as [string, string | undefined];
      if (name === '--version') return { kind: 'version' };
      if (name === '--help') return { kind: 'usage', status: 0 };
      if (LONG_WITH_ARGUMENT.has(name)) {
        const value = inline ?? args[++i];
        if (value === undefined) return { kind: 'usage', status: 1, message: `tcpdump: option '${name}' requires an argument` };
        const r = apply(name === '--count' ? 'c' : name === '--interface' ? 'i' : 's', value);
        if (r) return r;
        continue;
      }
      if (name === '--list-interfaces') listOnly = { kind: 'list-interfaces' };
      if (LONG_FLAGS.has(name)) continue;
      return { kind: 'usage', status: 1, message: `tcpdump: unrecognized option '${a}'` };
    }
    if (!a.startsWith('-') || a === '-') {
      words.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const opt = a.charAt(j);
      if (WITH_ARGUMENT.has(opt)) {
        const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (value === undefined) return { kind: 'usage', status: 1, message: `tcpdump: option requires an argument -- '${opt}'` };
        const r = apply(opt, value);
        if (r) return r;
        break;
      }
      if (!FLAGS.has(opt)) return { kind: 'usage', status: 1, message: `tcpdump: invalid option -- '${opt}'` };
      const r = apply(opt, undefined);
      if (r?.kind === 'list-interfaces') listOnly = r;
      else if (r) return r;
    }
  }
  if (listOnly) return listOnly;
  o.numeric = numericCount > 0;
  o.expression = words.join(' ');
  return { kind: 'capture', options: o };
}

/** `tcpdump --version`, as Debian 12's tcpdump prints it. */
export const VERSION_TEXT = 'tcpdump version 4.99.3\nlibpcap version 1.10.3 (with TPACKET_V3)\nOpenSSL 3.0.19 27 Jan 2026\n';

/** The usage text tcpdump prints after its version on a bad option or -h. */
export const USAGE_TEXT = `Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]
\t\t[ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]
\t\t[ -i interface ] [ --immediate-mode ] [ -j tstamptype ]
\t\t[ -M secret ] [ --number ] [ --print ] [ -Q in|out|inout ]
\t\t[ -r file ] [ -s snaplen ] [ -T type ] [ --version ]
\t\t[ -V file ] [ -w file ] [ -W filecount ] [ -y datalinktype ]
\t\t[ --time-stamp-precision precision ] [ --micro ] [ --nano ]
\t\t[ -z postrotate-command ] [ -Z user ] [ expression ]
`;
