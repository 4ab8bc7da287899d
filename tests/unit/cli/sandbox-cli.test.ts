import { describe, expect, it } from 'vitest';
import { main, type CliEnvironment } from '../../../src/cli/main.ts';
import { parseArguments, replayLines, replaySegments } from '../../../src/cli/arguments.ts';
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { FakeSimulation } from '../shell/fake-simulation.ts';

function fakeEnvironment(files: Record<string, string>, options: { failProfile?: boolean } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const env: CliEnvironment = {
    createSandbox: ({ profile }) => {
      if (options.failProfile && profile !== undefined) throw new Error('unknown host profile format');
      return new SimSandbox({ simulation: new FakeSimulation() });
    },
    readFile: async (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return text;
    },
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
  };
  return { env, out, err };
}

describe('sandbox CLI', () => {
  it('replay prints one JSON line per command', async () => {
    const { env, out } = fakeEnvironment({
      'script.sh': '# a comment\necho one\n\n  warn\ndocker run -it busybox sh\nnosuch\nexit 3\necho $?\n',
    });
    expect(await main(['replay', 'script.sh'], env)).toBe(0);
    const lines = out.join('').split('\n').filter(Boolean);
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { cmd: 'echo one', output: 'one\n', exit: 0 },
      { cmd: 'warn', output: 'out\nerr\n', exit: 0 },
      { cmd: 'docker run -it busybox sh', output: '', exit: 0 },
      { cmd: 'nosuch', output: 'sh: nosuch: not found\n', exit: 127 },
      { cmd: 'exit 3', output: '', exit: 3 },
      { cmd: 'echo $?', output: '3\n', exit: 0 },
    ]);
  });

  it('prints usage and exits 2 on usage errors and unknown commands', async () => {
    for (const argv of [['replay'], ['replay', 'a', 'b'], ['frobnicate'], ['--hosts'], ['--verbose']]) {
      const { env, err } = fakeEnvironment({});
      expect(await main(argv, env)).toBe(2);
      expect(err.join('')).toContain('Usage:');
    }
    const { env, err } = fakeEnvironment({});
    await main(['frobnicate'], env);
    expect(err.join('')).toMatch(/^sandbox: unknown command: frobnicate/);
  });

  it('prints usage for --help and exits 0', async () => {
    const { env, out } = fakeEnvironment({});
    expect(await main(['--help'], env)).toBe(0);
    expect(out.join('')).toContain('replay FILE');
  });

  it('reports a missing file clearly', async () => {
    const { env, err } = fakeEnvironment({});
    expect(await main(['replay', 'nope.sh'], env)).toBe(1);
    expect(err.join('')).toBe('sandbox: cannot read nope.sh: no such file\n');
  });

  it('reports a host profile the simulation cannot use', async () => {
    const hosts = JSON.stringify({ hosts: [{ name: 'node1', interfaces: [{ name: 'eth0', address: '10.0.2.15/24' }] }] });
    const { env, err } = fakeEnvironment({ 'a.sh': 'echo a\n', 'hosts.json': hosts }, { failProfile: true });
    expect(await main(['replay', 'a.sh', '--hosts', 'hosts.json'], env)).toBe(1);
    expect(err.join('')).toBe('sandbox: cannot use the host profile given with --hosts: unknown host profile format\n');
  });

  it('validates a --hosts file and names every problem with its place', async () => {
    const bad = JSON.stringify({
      hosts: [
        { name: 'node1', interfaces: [{ name: 'eth0', address: '10.0.2.300/24' }], defaultRoute: '10.0.2.2', tools: ['ping', 'telnet'] },
        { name: 'node1', interfaces: [], colour: 'red' },
      ],
    });
    const { env, err } = fakeEnvironment({ 'a.sh': 'echo a\n', 'hosts.json': bad, 'broken.json': '{"hosts": [' });
    expect(await main(['replay', 'a.sh', '--hosts', 'hosts.json'], env)).toBe(1);
    const text = err.join('');
    expect(text).toContain('sandbox: hosts.json is not a valid host profile:\n');
    expect(text).toContain('  hosts[0].interfaces[0].address: "10.0.2.300/24" is not an IPv4 address with a prefix length');
    expect(text).toContain('  hosts[0].tools: the simulator has no program "telnet"');
    expect(text).toContain('  hosts[1]: unknown key "colour"');
    expect(text).toContain('  hosts[1].name: "node1" is used by another host');
    expect(text).toContain('  hosts[1].interfaces: must be a non-empty array');
    const broken = fakeEnvironment({ 'a.sh': 'echo a\n', 'broken.json': '{"hosts": [' });
    expect(await main(['replay', 'a.sh', '--hosts', 'broken.json'], broken.env)).toBe(1);
    expect(broken.err.join('')).toContain('not valid JSON');
  });

  it('passes a valid --hosts file to the sandbox as a parsed profile, and --profile by name', async () => {
    const seen: unknown[] = [];
    const { env } = fakeEnvironment({ 'a.sh': 'echo a\n', 'hosts.json': JSON.stringify({ hosts: [{ name: 'edge', interfaces: [{ name: 'eth0', address: '192.168.1.10/24' }] }] }) });
    const create = env.createSandbox;
    env.createSandbox = (options) => {
      seen.push(options.profile);
      return create(options);
    };
    expect(await main(['replay', 'a.sh', '--hosts', 'hosts.json'], env)).toBe(0);
    expect(await main(['replay', 'a.sh', '--profile', 'two-nodes'], env)).toBe(0);
    expect(seen).toEqual([{ hosts: [{ name: 'edge', interfaces: [{ name: 'eth0', address: '192.168.1.10/24' }] }] }, 'two-nodes']);
    expect(parseArguments(['--hosts', 'h', '--profile', 'p'])).toEqual({ kind: 'usage-error', message: 'give either --hosts or --profile, not both' });
  });

  it('groups replay lines by # @node directives', () => {
    expect(replaySegments('a\n# @node node2\nb\n# other\nc\n#@node node1\nd\n')).toEqual([{ lines: ['a'] }, { node: 'node2', lines: ['b', 'c'] }, { node: 'node1', lines: ['d'] }]);
  });

  it('parses arguments in any order', () => {
    expect(parseArguments(['--hosts', 'h', 'replay', 'f'])).toEqual({ kind: 'replay', file: 'f', hostsFile: 'h' });
    expect(parseArguments(['replay', 'f', '--hosts=h'])).toEqual({ kind: 'replay', file: 'f', hostsFile: 'h' });
    expect(parseArguments([])).toEqual({ kind: 'interactive' });
  });

  it('takes --driver for replays only, and --hosts only with the simulator', () => {
    expect(parseArguments(['replay', 'f', '--driver', 'docker'])).toEqual({ kind: 'replay', file: 'f', driver: 'docker' });
    expect(parseArguments(['replay', 'f', '--driver=sim'])).toEqual({ kind: 'replay', file: 'f' });
    expect(parseArguments(['replay', 'f', '--driver', 'k8s'])).toEqual({ kind: 'usage-error', message: '--driver needs one of: sim, docker' });
    expect(parseArguments(['--driver', 'docker'])).toEqual({ kind: 'usage-error', message: '--driver is for replay' });
    expect(parseArguments(['replay', 'f', '--driver', 'docker', '--hosts', 'h'])).toMatchObject({ kind: 'usage-error' });
  });

  it('replays on the Docker driver through the sandbox it opens, and says so when it cannot', async () => {
    const { env, out, err } = fakeEnvironment({ 'a.sh': 'echo one\nfalse\n' });
    let closed = false;
    env.openDockerSandbox = async () => ({
      sandbox: new SimSandbox({ simulation: new FakeSimulation() }),
      close: async () => {
        closed = true;
      },
    });
    expect(await main(['replay', 'a.sh', '--driver', 'docker'], env)).toBe(0);
    expect(
      out
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([
      { cmd: 'echo one', output: 'one\n', exit: 0 },
      { cmd: 'false', output: '', exit: 1 },
    ]);
    expect(closed).toBe(true);
    env.openDockerSandbox = async () => {
      throw new Error('no Docker engine answers at /var/run/docker.sock');
    };
    expect(await main(['replay', 'a.sh', '--driver', 'docker'], env)).toBe(1);
    expect(err.join('')).toContain('cannot start a Docker driver sandbox: no Docker engine answers');
  });

  it('skips blank and comment lines of a replay file', () => {
    expect(replayLines('a\r\n  # c\n\n b \n')).toEqual(['a', 'b']);
  });
});

// Each case starts Node on the .ts sources: seconds on a busy machine, so the child's own 20 s limit rules.
describe('sandbox CLI on the real simulator', { timeout: 45_000 }, () => {
  it('replay prints one JSON line per command, from the command line', async () => {
    const { execFile } = await import('node:child_process');
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'vethlab-cli-'));
    const file = join(dir, 'script.sh');
    await writeFile(file, '# comment\necho hello\ndocker run -it busybox sh\nhostname | grep -c .\nexit\nnosuch\n');
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['src/cli/sandbox.ts', 'replay', file], { timeout: 20_000 }, (error, out) => (error ? reject(error) : resolve(out)));
    });
    const records = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { cmd: string; output: string; exit: number });
    expect(records.map((r) => r.cmd)).toEqual(['echo hello', 'docker run -it busybox sh', 'hostname | grep -c .', 'exit', 'nosuch']);
    expect(records[0]).toEqual({ cmd: 'echo hello', output: 'hello\n', exit: 0 });
    expect(records[2]).toEqual({ cmd: 'hostname | grep -c .', output: '1\n', exit: 0 });
    expect(records[4]).toEqual({ cmd: 'nosuch', output: 'bash: nosuch: command not found\n', exit: 127 });
  });

  it('replays on two nodes of a --hosts profile and rejects an unknown profile name', async () => {
    const { execFile, spawnSync } = await import('node:child_process');
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'vethlab-cli-'));
    const file = join(dir, 'script.sh');
    const hosts = join(dir, 'hosts.json');
    await writeFile(file, 'hostname\nping -c 1 -W 1 192.168.56.12\n# @node node2\nhostname\nping -c 1 node1\n');
    await writeFile(
      hosts,
      JSON.stringify({
        hosts: [
          { name: 'node1', interfaces: [{ name: 'eth0', address: '192.168.56.11/24', lan: 'lab' }] },
          { name: 'node2', interfaces: [{ name: 'eth0', address: '192.168.56.12/24', lan: 'lab' }], withoutTools: ['ping'] },
        ],
      }),
    );
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['src/cli/sandbox.ts', 'replay', file, '--hosts', hosts], { timeout: 20_000 }, (error, out) => (error ? reject(error) : resolve(out)));
    });
    const records = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { cmd: string; output: string; exit: number });
    expect(records[0]).toEqual({ cmd: 'hostname', output: 'node1\n', exit: 0 });
    expect(records[1]!.output).toContain('1 received, 0% packet loss');
    expect(records[2]).toEqual({ cmd: 'hostname', output: 'node2\n', exit: 0 });
    expect(records[3]).toEqual({ cmd: 'ping -c 1 node1', output: 'bash: ping: command not found\n', exit: 127 });
    const unknown = spawnSync(process.execPath, ['src/cli/sandbox.ts', 'replay', file, '--profile', 'three-nodes'], { encoding: 'utf8', timeout: 20_000 });
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toBe('sandbox: unknown host profile "three-nodes" (known: default, two-nodes)\n');
  });

  it('replays a broken lab from its hidden setup (--profile lab.<slug>), never in the history', async () => {
    const { spawnSync } = await import('node:child_process');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'vethlab-cli-')), 'lab.txt');
    writeFileSync(file, 'iptables -t nat -S POSTROUTING\nhistory\n');
    const lab = spawnSync(process.execPath, ['src/cli/sandbox.ts', 'replay', file, '--profile', 'lab.7-1-missing-masquerade'], { encoding: 'utf8', timeout: 20_000 });
    expect(lab.stderr).toBe('');
    const [rules, history] = lab.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { cmd: string; output: string; exit: number });
    expect(rules).toEqual({ cmd: 'iptables -t nat -S POSTROUTING', output: '-P POSTROUTING ACCEPT\n', exit: 0 });
    expect(history?.output).not.toContain('-D POSTROUTING');
    const unknown = spawnSync(process.execPath, ['src/cli/sandbox.ts', 'replay', file, '--profile', 'lab.no-such-lab'], { encoding: 'utf8', timeout: 20_000 });
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toBe('sandbox: unknown lab "no-such-lab": no lesson of that name has a setup\n');
  });

  it('opens the interactive shell of a broken lab after its hidden setup (--profile lab.<slug>)', async () => {
    const { spawnSync } = await import('node:child_process');
    const typed = 'iptables -t nat -S POSTROUTING\ndocker ps --format {{.Names}}\nhistory\n';
    const lab = spawnSync(process.execPath, ['src/cli/sandbox.ts', '--profile', 'lab.7-1-missing-masquerade'], { input: typed, encoding: 'utf8', timeout: 20_000 });
    expect(lab.stderr).toBe('');
    expect(lab.status).toBe(0);
    // The lab is broken (no MASQUERADE, its container runs), and the setup is nowhere in the shell.
    expect(lab.stdout).toContain('-P POSTROUTING ACCEPT');
    expect(lab.stdout).not.toContain('MASQUERADE');
    expect(lab.stdout).toMatch(/^app\r?$/m);
    expect(lab.stdout).not.toContain('-D POSTROUTING');
  });

  it('exits 2 with usage on an unknown command', async () => {
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync(process.execPath, ['src/cli/sandbox.ts', 'frobnicate'], { encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command: frobnicate');
    expect(result.stderr).toContain('Usage:');
  });
});
