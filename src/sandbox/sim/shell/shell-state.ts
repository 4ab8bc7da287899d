/**
 * The mutable state of one shell: variables (and which are exported), working directory, `$?`,
 * and whether `exit` was requested. A subshell (`$(...)`, `( )`, a pipeline stage) works on a
 * copy, so `cd` or `exit` inside it do not touch the parent.
 */

/** Variables, directory and status of a shell or subshell. */
export class ShellState {
  readonly vars: Map<string, string>;
  readonly exported: Set<string>;
  cwd: string;
  status = 0;
  /** Set by `exit`: the shell stops and returns this status. */
  exitRequested: number | undefined;

  constructor(vars: Map<string, string>, exported: Set<string>, cwd: string) {
    this.vars = vars;
    this.exported = exported;
    this.cwd = cwd;
  }

  /** A copy for a subshell. */
  clone(): ShellState {
    const copy = new ShellState(new Map(this.vars), new Set(this.exported), this.cwd);
    copy.status = this.status;
    return copy;
  }

  home(): string {
    return this.vars.get('HOME') ?? '/';
  }

  /** The environment a program sees: exported variables plus per-command assignments. */
  environment(extra: ReadonlyMap<string, string>): Record<string, string> {
    const env: Record<string, string> = {};
    for (const name of this.exported) {
      const value = this.vars.get(name);
      if (value !== undefined) env[name] = value;
    }
    env.PWD = this.cwd;
    for (const [name, value] of extra) env[name] = value;
    return env;
  }

  /** Change directory to `path` (relative to the current one); returns the new absolute path. */
  changeDirectory(path: string): string {
    this.vars.set('OLDPWD', this.cwd);
    this.cwd = resolvePath(this.cwd, path);
    this.vars.set('PWD', this.cwd);
    return this.cwd;
  }
}

/** `path` made absolute against `cwd`, with `.` and `..` resolved. */
export function resolvePath(cwd: string, path: string): string {
  const parts = (path.startsWith('/') ? path : `${cwd}/${path}`).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}
