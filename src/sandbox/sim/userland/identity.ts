/**
 * Who and what am I: uname (kernel name, node, release and version from the kernel's sysctls),
 * whoami and id. Every shell of the sandbox runs as root; busybox images put root in the wheel
 * group too (their /etc/group), Debian does not.
 */
import { procHostname, type Proc } from './proc.ts';
import { failWith, type Tool } from './registry.ts';

/** uname's fields in -a order: -s -n -r -v -m, then "GNU/Linux" (-o). */
const UNAME_FLAGS: Record<string, number> = { s: 0, n: 1, r: 2, v: 3, m: 4, o: 5 };
const UNAME_LONG: Record<string, string> = {
  '--kernel-name': 's',
  '--nodename': 'n',
  '--kernel-release': 'r',
  '--kernel-version': 'v',
  '--machine': 'm',
  '--operating-system': 'o',
  '--all': 'a',
};

function unameFields(p: Proc): string[] {
  const sys = p.kernel.init.sysctl;
  return [sys.get('kernel.ostype') ?? 'Linux', procHostname(p), sys.get('kernel.osrelease') ?? '', sys.get('kernel.version') ?? '', 'x86_64', 'GNU/Linux'];
}

function badOption(ctx: Parameters<Tool>[1], program: string, option: string): number {
  const what = option.startsWith('--') ? `unrecognized option '${option}'` : `invalid option -- '${option.slice(1, 2)}'`;
  return failWith(ctx, `${program}: ${what}\nTry '${program} --help' for more information.`);
}

/** The uname program. */
export const uname: Tool = async (p, ctx) => {
  const wanted = new Set<number>();
  for (const a of ctx.argv.slice(1)) {
    const letters = a.startsWith('--') ? (UNAME_LONG[a] ?? '') : a.startsWith('-') ? a.slice(1) : '';
    if (letters === '') return a.startsWith('-') ? badOption(ctx, 'uname', a) : failWith(ctx, `uname: extra operand '${a}'\nTry 'uname --help' for more information.`);
    for (const l of letters) {
      if (l === 'a') for (const i of [0, 1, 2, 3, 4, 5]) wanted.add(i);
      else if (UNAME_FLAGS[l] !== undefined) wanted.add(UNAME_FLAGS[l]);
      else return badOption(ctx, 'uname', `-${l}`);
    }
  }
  if (wanted.size === 0) wanted.add(0);
  const fields = unameFields(p);
  ctx.io.stdout(
    [...wanted]
      .sort((a, b) => a - b)
      .map((i) => fields[i])
      .join(' ') + '\n',
  );
  return 0;
};

/** The whoami program. */
export const whoami: Tool = async (_p, ctx) => {
  const extra = ctx.argv[1];
  if (extra !== undefined) return extra.startsWith('-') ? badOption(ctx, 'whoami', extra) : failWith(ctx, `whoami: extra operand '${extra}'\nTry 'whoami --help' for more information.`);
  ctx.io.stdout('root\n');
  return 0;
};

/** root's groups: busybox images list root in wheel. */
function groups(p: Proc): [number, string][] {
  return p.toolset === 'busybox'
    ? [
        [0, 'root'],
        [10, 'wheel'],
      ]
    : [[0, 'root']];
}

/** The id program (for root, the only user). */
export const id: Tool = async (p, ctx) => {
  let which: 'u' | 'g' | 'G' | undefined;
  let names = false;
  for (const a of ctx.argv.slice(1)) {
    if (!a.startsWith('-')) {
      if (a !== 'root') return failWith(ctx, `id: '${a}': no such user`);
      continue;
    }
    for (const l of a.slice(1)) {
      if (l === 'u' || l === 'g' || l === 'G') which = l;
      else if (l === 'n') names = true;
      else return badOption(ctx, 'id', `-${l}`);
    }
  }
  const gs = groups(p);
  if (which === undefined) {
    if (names) return failWith(ctx, 'id: cannot print only names or real IDs in default format');
    ctx.io.stdout(`uid=0(root) gid=0(root) groups=${gs.map(([n, name]) => `${n}(${name})`).join(',')}\n`);
    return 0;
  }
  const list: [number, string][] = which === 'G' ? gs : [[0, 'root']];
  ctx.io.stdout(list.map(([n, name]) => (names ? name : String(n))).join(' ') + '\n');
  return 0;
};
