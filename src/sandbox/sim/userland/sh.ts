/**
 * A minimal non-interactive sh for container main processes and `sh -c` when the simulation runs
 * without the full shell (sim/shell provides the real interpreter through createSimulation's
 * `shellProgram`). It runs `;`, `&&`, `||` and `|` lists of simple commands with quotes and
 * `>`/`>>` redirections.
 */
import type { Program, ProgramContext } from './program.ts';

/** Split a command line into words and operators, honouring single and double quotes. */
function tokenize(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "'" || ch === '"') {
      const end = line.indexOf(ch, i + 1);
      cur += line.slice(i + 1, end < 0 ? line.length : end);
      has = true;
      i = end < 0 ? line.length : end;
    } else if (/\s/.test(ch)) {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else if (ch === '>') {
      if (has) out.push(cur);
      cur = '';
      has = false;
      if (line[i + 1] === '>') {
        out.push('>>');
        i++;
      } else out.push('>');
    } else if (ch === ';' || ch === '|' || ch === '&') {
      if (has) out.push(cur);
      cur = '';
      has = false;
      const two = line.slice(i, i + 2);
      if (two === '&&' || two === '||') {
        out.push(two);
        i++;
      } else out.push(ch);
    } else {
      cur += ch;
      has = true;
    }
  }
  if (has) out.push(cur);
  return out;
}

/** Make the fallback sh; `lookup` finds programs on the same target, `notFound` words errors. */
export function fallbackShell(
  lookup: (name: string) => Program | undefined,
  notFound: (name: string) => string,
  write: (path: string, text: string, append: boolean) => string | undefined,
): Program {
  const runPipeline = async (ctx: ProgramContext, stages: string[][]): Promise<number> => {
    let stdin = ctx.io.stdin;
    let status = 0;
    for (let s = 0; s < stages.length; s++) {
      let argv = stages[s]!;
      const last = s === stages.length - 1;
      let captured = '';
      let redirect: { path: string; append: boolean } | undefined;
      const r = argv.findIndex((t) => t === '>' || t === '>>');
      if (r >= 0) {
        redirect = { path: argv[r + 1] ?? '', append: argv[r] === '>>' };
        argv = [...argv.slice(0, r), ...argv.slice(r + 2)];
      }
      let redirected = '';
      const out = redirect ? (t: string) => void (redirected += t) : last ? ctx.io.stdout : (t: string) => void (captured += t);
      if (argv[0] === 'exit') return Number(argv[1] ?? 0);
      const program = argv[0] === undefined ? undefined : lookup(argv[0]);
      if (!program) {
        ctx.io.stderr(notFound(argv[0] ?? '') + '\n');
        status = 127;
      } else {
        status = await program({ ...ctx, argv, io: { stdin, stdout: out, stderr: ctx.io.stderr } });
      }
      if (redirect) {
        const err = write(redirect.path, redirected, redirect.append);
        if (err) {
          ctx.io.stderr(`sh: can't create ${redirect.path}: ${err}\n`);
          status = 1;
        }
      }
      stdin = captured;
    }
    return status;
  };
  const runLine = async (ctx: ProgramContext, line: string): Promise<number> => {
    const tokens = tokenize(line);
    let status = 0;
    let skip = false;
    let stages: string[][] = [[]];
    const flush = async () => {
      const real = stages.filter((st) => st.length > 0);
      if (real.length > 0 && !skip) status = await runPipeline(ctx, real);
      stages = [[]];
    };
    for (const t of tokens) {
      if (t === '|') stages.push([]);
      else if (t === ';' || t === '&&' || t === '||' || t === '&') {
        await flush();
        skip = (t === '&&' && status !== 0) || (t === '||' && status === 0);
      } else stages[stages.length - 1]!.push(t);
    }
    await flush();
    return status;
  };
  return async (ctx) => {
    const args = ctx.argv.slice(1);
    const c = args.indexOf('-c');
    if (c >= 0) return runLine(ctx, args[c + 1] ?? '');
    let status = 0;
    for (const line of ctx.io.stdin.split('\n')) {
      if (line.trim() === '') continue;
      status = await runLine({ ...ctx, io: { ...ctx.io, stdin: '' } }, line);
    }
    return status;
  };
}
