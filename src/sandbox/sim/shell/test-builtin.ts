/**
 * `test` and `[`, as bash and busybox ash have them built in: file tests against the model's
 * files (-e -f -d -s -r -w -x), string tests (-z -n = == != < >), integer comparisons (-eq -ne
 * -lt -le -gt -ge), `!`, `-a`, `-o` and parentheses. Status 0 true, 1 false, 2 on misuse.
 */
import type { BuiltinContext } from './builtins.ts';
import { resolvePath } from './shell-state.ts';

const UNARY = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-L', '-h', '-z', '-n', '-t', '-b', '-c', '-p', '-S']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

/** A misuse: the message after "bash: [: " (or "sh: "), status 2. */
class TestError extends Error {}

/** The test/[ builtin. */
export function testBuiltin({ argv, io, host, state }: BuiltinContext): number {
  const fileKind = (path: string) => (path === '' ? undefined : host.fileKind(resolvePath(state.cwd, path)));
  const name = argv[0] ?? 'test';
  let args = argv.slice(1);
  const bash = host.name === 'bash';
  const where = bash ? `${host.name}: ${name}: ` : `${host.name}: `;
  if (name === '[') {
    if (args[args.length - 1] !== ']') {
      io.stderr(bash ? `${where}missing \`]'\n` : `${where}missing ]\n`);
      return 2;
    }
    args = args.slice(0, -1);
  }
  const integer = (s: string): number => {
    const t = s.trim();
    if (!/^[+-]?\d+$/.test(t)) throw new TestError(bash ? `${s}: integer expression expected` : `${s}: bad number`);
    return Number(t);
  };
  const unary = (op: string, arg: string): boolean => {
    switch (op) {
      case '-z':
        return arg === '';
      case '-n':
        return arg !== '';
      case '-e':
      case '-r':
      case '-w':
      case '-x':
        return fileKind(arg) !== undefined;
      case '-f':
        return fileKind(arg) === 'file';
      case '-d':
        return fileKind(arg) === 'dir';
      case '-s':
        return fileKind(arg) === 'dir' || fileKind(arg) === 'file';
      default:
        // Symlinks, devices, pipes, sockets and terminals: there are none of those here.
        return false;
    }
  };
  const binary = (left: string, op: string, right: string): boolean => {
    switch (op) {
      case '=':
      case '==':
        return left === right;
      case '!=':
        return left !== right;
      case '<':
        return left < right;
      case '>':
        return left > right;
      case '-eq':
        return integer(left) === integer(right);
      case '-ne':
        return integer(left) !== integer(right);
      case '-lt':
        return integer(left) < integer(right);
      case '-le':
        return integer(left) <= integer(right);
      case '-gt':
        return integer(left) > integer(right);
      default:
        return integer(left) >= integer(right);
    }
  };

  let i = 0;
  const or = (): boolean => {
    let value = and();
    while (args[i] === '-o') {
      i++;
      value = and() || value;
    }
    return value;
  };
  const and = (): boolean => {
    let value = not();
    while (args[i] === '-a') {
      i++;
      value = not() && value;
    }
    return value;
  };
  const not = (): boolean => {
    // `[ ! = x ]` compares the string "!": a binary operator next wins over negation.
    if (args[i] === '!' && !(BINARY.has(args[i + 1] ?? '') && i + 2 < args.length)) {
      i++;
      return !not();
    }
    return primary();
  };
  const primary = (): boolean => {
    const token = args[i];
    if (token === undefined) throw new TestError('argument expected');
    const [operator, right] = [args[i + 1], args[i + 2]];
    if (operator !== undefined && right !== undefined && BINARY.has(operator)) {
      i += 3;
      return binary(token, operator, right);
    }
    if (token === '(' && i + 1 < args.length) {
      i++;
      const value = or();
      if (args[i] !== ')') throw new TestError(bash ? "`)' expected" : 'missing )');
      i++;
      return value;
    }
    const operand = args[i + 1];
    if (UNARY.has(token) && operand !== undefined) {
      i += 2;
      return unary(token, operand);
    }
    i++;
    return token !== '';
  };

  try {
    if (args.length === 0) return 1;
    const value = or();
    if (i < args.length) throw new TestError(bash ? 'too many arguments' : `${args[i]}: unknown operand`);
    return value ? 0 : 1;
  } catch (e) {
    if (!(e instanceof TestError)) throw e;
    io.stderr(`${where}${e.message}\n`);
    return 2;
  }
}
