/**
 * Package managers (yum/dnf on CentOS 8, apt-get/apt on Debian and Ubuntu, apk on Alpine): they
 * install the programs a package brings into that container only, printing what the real tool
 * prints. apt needs `apt-get update` first, as in a fresh container the package lists are empty.
 */
import type { Container } from '../daemon/container.ts';
import type { Proc } from './proc.ts';
import { failWith, type Tool } from './registry.ts';
import type { ProgramContext } from './program.ts';

/** Package sizes and versions for plausible transaction summaries. */
const META: Record<string, { version: string; kb: number }> = {
  'net-tools': { version: '2.0-0.52.20160912git.el8', kb: 322 },
  iputils: { version: '20180629-7.el8', kb: 148 },
  iproute: { version: '5.12.0-4.el8', kb: 808 },
  'bind-utils': { version: '32:9.11.26-6.el8', kb: 451 },
  wget: { version: '1.19.5-10.el8', kb: 734 },
  'procps-ng': { version: '3.3.15-6.el8', kb: 329 },
  nc: { version: '1.0-6.el8', kb: 28 },
  iptables: { version: '1.8.4-20.el8', kb: 585 },
};

function install(c: Container, programs: readonly string[]): void {
  for (const prog of programs) c.installed.add(prog);
}

async function yum(ctx: ProgramContext, c: Container): Promise<number> {
  const args = ctx.argv.slice(1).filter((a) => a !== '-y' && a !== '--assumeyes' && a !== '-q');
  const verb = args.shift();
  if (verb !== 'install') {
    if (verb === undefined) return failWith(ctx, 'usage: yum [options] COMMAND', 1);
    if (verb === 'update' || verb === 'makecache' || verb === 'clean') {
      ctx.io.stdout(
        'CentOS Linux 8 - AppStream                       4.2 MB/s | 8.4 MB     00:02\nCentOS Linux 8 - BaseOS                         3.1 MB/s | 4.6 MB     00:01\nCentOS Linux 8 - Extras                          21 kB/s |  10 kB     00:00\nMetadata cache created.\n',
      );
      return 0;
    }
    return failWith(ctx, `No such command: ${verb}. Please use /usr/bin/yum --help`, 1);
  }
  const pkgs = c.config.image.packages;
  const unknown = args.filter((a) => !pkgs[a]);
  // yum tells an installed package by its first program.
  const known = args.filter((a) => {
    const programs = pkgs[a];
    return programs !== undefined && !c.installed.has(programs[0] ?? '');
  });
  ctx.io.stdout(
    'CentOS Linux 8 - AppStream                       4.2 MB/s | 8.4 MB     00:02    \nCentOS Linux 8 - BaseOS                         3.1 MB/s | 4.6 MB     00:01    \nCentOS Linux 8 - Extras                          21 kB/s |  10 kB     00:00    \n',
  );
  for (const u of unknown) ctx.io.stdout(`No match for argument: ${u}\n`);
  if (unknown.length > 0) {
    ctx.io.stderr('Error: Unable to find a match: ' + unknown.join(' ') + '\n');
    return 1;
  }
  if (known.length === 0) {
    ctx.io.stdout('Dependencies resolved.\nNothing to do.\nComplete!\n');
    return 0;
  }
  const rows = known.map((k) => ` ${k.padEnd(17)} x86_64   ${(META[k]?.version ?? '1.0-1.el8').padEnd(33)} baseos   ${String(META[k]?.kb ?? 100).padStart(3)} k`);
  const total = known.reduce((s, k) => s + (META[k]?.kb ?? 100), 0);
  ctx.io.stdout(
    'Dependencies resolved.\n' +
      '================================================================================\n' +
      ' Package            Arch     Version                           Repo       Size\n' +
      '================================================================================\n' +
      'Installing:\n' +
      rows.join('\n') +
      '\n\n' +
      'Transaction Summary\n' +
      '================================================================================\n' +
      `Install  ${known.length} Package${known.length > 1 ? 's' : ''}\n\n` +
      `Total download size: ${total} k\n` +
      `Installed size: ${total * 3} k\n` +
      'Downloading Packages:\n',
  );
  await ctx.clock.sleep(1500, ctx.signal).catch(() => undefined);
  for (const k of known) ctx.io.stdout(`${`${k}-${META[k]?.version ?? '1.0-1.el8'}.x86_64.rpm`.padEnd(50)} 1.2 MB/s | ${String(META[k]?.kb ?? 100).padStart(3)} kB     00:00    \n`);
  ctx.io.stdout(
    '--------------------------------------------------------------------------------\n' +
      `Total                                           1.1 MB/s | ${String(total).padStart(3)} kB     00:00     \n` +
      'Running transaction check\nTransaction check succeeded.\nRunning transaction test\nTransaction test succeeded.\nRunning transaction\n' +
      '  Preparing        :                                                        1/1 \n',
  );
  known.forEach((k, i) => {
    const n = `${i + 1}/${known.length}`;
    ctx.io.stdout(`  Installing       : ${`${k}-${META[k]?.version ?? ''}.x86_64`.padEnd(52)} ${n} \n`);
  });
  for (const [i, k] of known.entries()) ctx.io.stdout(`  Verifying        : ${`${k}-${META[k]?.version ?? ''}.x86_64`.padEnd(52)} ${i + 1}/${known.length} \n`);
  ctx.io.stdout('\nInstalled:\n' + known.map((k) => `  ${k}-${META[k]?.version ?? ''}.x86_64`).join('\n') + '\n\nComplete!\n');
  for (const k of known) install(c, pkgs[k] ?? []);
  return 0;
}

async function apt(p: Proc, ctx: ProgramContext, c: Container): Promise<number> {
  const args = ctx.argv.slice(1).filter((a) => !/^-(y|q|qq|-yes|-assume-yes)$/.test(a) && a !== '--no-install-recommends');
  const verb = args.shift();
  const codename = p.os === 'ubuntu' ? 'focal' : 'bullseye';
  if (verb === 'update') {
    const lines =
      p.os === 'ubuntu'
        ? [
            'Get:1 http://archive.ubuntu.com/ubuntu focal InRelease [265 kB]',
            'Get:2 http://security.ubuntu.com/ubuntu focal-security InRelease [114 kB]',
            'Get:3 http://archive.ubuntu.com/ubuntu focal/main amd64 Packages [1275 kB]',
            'Fetched 17.5 MB in 3s (5830 kB/s)',
          ]
        : [
            `Get:1 http://deb.debian.org/debian ${codename} InRelease [116 kB]`,
            `Get:2 http://deb.debian.org/debian-security ${codename}-security InRelease [48.4 kB]`,
            `Get:3 http://deb.debian.org/debian ${codename}-updates InRelease [44.1 kB]`,
            `Get:4 http://deb.debian.org/debian ${codename}/main amd64 Packages [8183 kB]`,
            'Fetched 8391 kB in 2s (4195 kB/s)',
          ];
    await ctx.clock.sleep(2000, ctx.signal).catch(() => undefined);
    ctx.io.stdout(lines.join('\n') + '\nReading package lists... Done\n');
    c.packageIndex = true;
    return 0;
  }
  if (verb !== 'install') {
    if (verb === undefined) return failWith(ctx, 'apt 2.2.4 (amd64)\nUsage: apt-get [options] command', 1);
    return failWith(ctx, `E: Invalid operation ${verb}`, 100);
  }
  ctx.io.stdout('Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\n');
  const pkgs = c.config.image.packages;
  for (const a of args) {
    if (!c.packageIndex || !pkgs[a]) return failWith(ctx, `E: Unable to locate package ${a}`, 100);
  }
  const fresh = args.filter((a) => !(pkgs[a] ?? []).every((prog) => c.installed.has(prog)));
  if (fresh.length === 0) {
    ctx.io.stdout('0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
    return 0;
  }
  ctx.io.stdout(
    `The following NEW packages will be installed:\n  ${fresh.join(' ')}\n0 upgraded, ${fresh.length} newly installed, 0 to remove and 0 not upgraded.\nNeed to get ${fresh.length * 248} kB of archives.\nAfter this operation, ${fresh.length} MB of additional disk space will be used.\n`,
  );
  await ctx.clock.sleep(1000, ctx.signal).catch(() => undefined);
  for (const [i, f] of fresh.entries()) ctx.io.stdout(`Get:${i + 1} http://deb.debian.org/debian ${codename}/main amd64 ${f} amd64 [248 kB]\n`);
  ctx.io.stdout(`Fetched ${fresh.length * 248} kB in 0s (${fresh.length * 1900} kB/s)\ndebconf: delaying package configuration, since apt-utils is not installed\n`);
  for (const f of fresh) {
    ctx.io.stdout(
      `Selecting previously unselected package ${f}.\n(Reading database ... 7028 files and directories currently installed.)\nPreparing to unpack .../${f}.deb ...\nUnpacking ${f} ...\nSetting up ${f} ...\n`,
    );
    install(c, pkgs[f] ?? []);
  }
  return 0;
}

async function apk(ctx: ProgramContext, c: Container): Promise<number> {
  const args = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  const verb = args.shift();
  if (verb !== 'add') return failWith(ctx, verb === undefined ? 'apk-tools 2.14.0, compiled for x86_64.' : `apk: unknown command: ${verb}`, 1);
  ctx.io.stdout('fetch https://dl-cdn.alpinelinux.org/alpine/v3.18/main/x86_64/APKINDEX.tar.gz\nfetch https://dl-cdn.alpinelinux.org/alpine/v3.18/community/x86_64/APKINDEX.tar.gz\n');
  const missing = args.filter((a) => !c.config.image.packages[a]);
  if (missing.length > 0) {
    ctx.io.stderr(`ERROR: unable to select packages:\n${missing.map((m) => `  ${m} (no such package):\n    required by: world[${m}]`).join('\n')}\n`);
    return 1;
  }
  args.forEach((a, i) => {
    ctx.io.stdout(`(${i + 1}/${args.length}) Installing ${a} (1.0-r0)\n`);
    install(c, c.config.image.packages[a] ?? []);
  });
  ctx.io.stdout(`OK: ${8 + args.length} MiB in ${15 + args.length} packages\n`);
  return 0;
}

/** yum, dnf, apt-get, apt and apk; on the host they report that the lesson's sandbox is read-only. */
export const packageManager: Tool = async (p, ctx) => {
  const name = (ctx.argv[0] ?? '').split('/').pop();
  const c = p.container;
  if (!c) {
    if (name === 'apt-get' || name === 'apt') {
      return failWith(
        ctx,
        'E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?',
        100,
      );
    }
    return failWith(ctx, `${name}: command not available on this host`, 127);
  }
  if (name === 'yum' || name === 'dnf') return yum(ctx, c);
  if (name === 'apk') return apk(ctx, c);
  return apt(p, ctx, c);
};
