/** sysctl (procps on hosts, busybox in busybox images): read, -n, -w, -a, with each one's errors. */
import { SYSCTL_SPECS } from '../kernel/sysctl.ts';
import { readFile, writeFile } from './filesystem.ts';
import { failWith, type Tool } from './registry.ts';
import { busyboxUsage } from './busybox-usage.ts';

/** The sysctl program. */
export const sysctl: Tool = async (p, ctx) => {
  const bb = p.toolset === 'busybox';
  let valuesOnly = false;
  let write = false;
  let all = false;
  const keys: string[] = [];
  for (const a of ctx.argv.slice(1)) {
    if (/^-[nwaqe]+$/.test(a)) {
      valuesOnly ||= a.includes('n');
      write ||= a.includes('w');
      all ||= a.includes('a');
    } else keys.push(a);
  }
  if (all) {
    const lines = [...SYSCTL_SPECS.keys()].sort().map((k) => {
      const r = readFile(p, `/proc/sys/${k.replace(/\./g, '/')}`);
      const v = r.ok ? r.text.trimEnd() : '';
      return valuesOnly ? v : `${k} = ${v}`;
    });
    ctx.io.stdout(lines.join('\n') + '\n');
    return 0;
  }
  if (keys.length === 0) {
    return failWith(
      ctx,
      bb
        ? busyboxUsage('sysctl [-enq] { -a | -p [FILE]... | [-w] [KEY[=VALUE]]... }')
        : '\nUsage:\n sysctl [options] [variable[=value] ...]\n\nOptions:\n  -a, --all            display all variables\n  -n, --values         print only values of the given variable(s)\n  -w, --write          enable writing a value to variable\n\nFor more details see sysctl(8).',
      bb ? 1 : 255,
    );
  }
  let status = 0;
  for (const arg of keys) {
    const eq = arg.indexOf('=');
    const key = (eq >= 0 ? arg.slice(0, eq) : arg).replace(/\//g, '.');
    const path = `/proc/sys/${key.replace(/\./g, '/')}`;
    if (eq >= 0 || write) {
      if (eq < 0) {
        ctx.io.stderr(bb ? `sysctl: error: '${key}' must be of the form name=value\n` : `sysctl: "${key}" must be of the form name=value\n`);
        status = bb ? 1 : 255;
        continue;
      }
      const value = arg.slice(eq + 1);
      const r = writeFile(p, path, value);
      if (!r.ok) {
        const reason = r.error === 'EROFS' ? 'Read-only file system' : r.error === 'EINVAL' ? 'Invalid argument' : 'No such file or directory';
        if (r.error === 'ENOENT') ctx.io.stderr(bb ? `sysctl: error setting key '${key}': No such file or directory\n` : `sysctl: cannot stat ${path}: No such file or directory\n`);
        else ctx.io.stderr(bb ? `sysctl: error setting key '${key}': ${reason}\n` : `sysctl: setting key "${key}": ${reason}\n`);
        status = bb ? 1 : 255;
        continue;
      }
      ctx.io.stdout(valuesOnly ? `${value}\n` : `${key} = ${value}\n`);
      continue;
    }
    const r = readFile(p, path);
    if (!r.ok) {
      ctx.io.stderr(bb ? `sysctl: error: '${key}' is an unknown key\n` : `sysctl: cannot stat ${path}: No such file or directory\n`);
      status = bb ? 1 : 255;
      continue;
    }
    const v = r.text.trimEnd();
    ctx.io.stdout(valuesOnly ? `${v}\n` : `${key} = ${v}\n`);
  }
  return status;
};
