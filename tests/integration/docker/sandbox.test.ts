/**
 * A learner's sandbox on a real engine: terminal, checks, the article's commands, multi-node and
 * isolation between sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnknownProfileError, type Sandbox, type TerminalStream } from '../../../src/sandbox/driver.ts';
import type { DockerDriver } from '../../../src/sandbox/docker/driver.ts';
import { SANDBOX_IMAGE_VERSION } from '../../../src/sandbox/docker/options.ts';
import { ensureGuard, imageVersionFile, removeRunLeftovers, skipReason, suiteSandbox, testDriver } from './engine.ts';

/** Type `line` into `terminal` and collect its output until `until` matches. */
async function run(terminal: TerminalStream, line: string, until: RegExp, timeoutMs = 20_000): Promise<string> {
  let output = '';
  const decoder = new TextDecoder();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no ${until} after "${line}" within ${timeoutMs} ms; got ${JSON.stringify(output)}`));
    }, timeoutMs);
    const stop = terminal.onData((bytes) => {
      output += decoder.decode(bytes, { stream: true });
      if (until.test(output)) {
        clearTimeout(timer);
        stop();
        resolve(output);
      }
    });
    terminal.write(new TextEncoder().encode(`${line}\r`));
  });
}

describe.skipIf(skipReason !== undefined)('docker driver: a sandbox', { timeout: 120_000 }, () => {
  const suite = suiteSandbox();
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await suite.start();
  }, 120_000);

  afterAll(() => suite.stop(), 120_000);

  it('is built from the image version the driver expects', () => {
    expect(imageVersionFile()).toBe(SANDBOX_IMAGE_VERSION);
  });

  it('starts with one node whose prompt is root@node1', async () => {
    expect(sandbox.nodes).toEqual(['node1']);
    const terminal = sandbox.terminal();
    expect(sandbox.terminal('node1')).toBe(terminal);
    const output = await run(terminal, 'hostname', /node1\r\n.*root@node1:~# /s);
    expect(output).toContain('root@node1:~# ');
  });

  it('shows the real `docker network ls` in the terminal', async () => {
    const output = await run(sandbox.terminal(), 'docker network ls', /none\s+null\s+local[\s\S]*# $/);
    expect(output).toMatch(/NETWORK ID\s+NAME\s+DRIVER\s+SCOPE/);
    expect(output).toMatch(/[0-9a-f]{12}\s+bridge\s+bridge\s+local/);
    expect(output).toMatch(/[0-9a-f]{12}\s+host\s+host\s+local/);
  });

  it('resizes the terminal', async () => {
    const terminal = sandbox.terminal();
    terminal.resize(123, 37);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const output = await run(terminal, 'stty size', /37 123/);
    expect(output).toContain('37 123');
  });

  it('answers checks on the hidden channel with exit codes and interleaved output', async () => {
    expect(await sandbox.exec('echo out; echo err >&2; exit 3')).toEqual({ exit: 3, output: 'out\nerr\n' });
    const check = await sandbox.exec(`docker network inspect bridge --format '{{(index .IPAM.Config 0).Subnet}}'`);
    expect(check).toEqual({ exit: 0, output: '172.17.0.0/16\n' });
  });

  it('gives up on a check after its timeout with exit 124', async () => {
    const started = Date.now();
    const result = await sandbox.exec('sleep 30', { timeoutMs: 1500 });
    expect(result.exit).toBe(124);
    expect(Date.now() - started).toBeLessThan(6000);
  });

  it('pings box2 by name on a user network', async () => {
    const result = await sandbox.exec(
      [
        'docker network create bridge2 >/dev/null',
        'docker run -d --network=bridge2 --name box1 busybox sleep 600 >/dev/null',
        'docker run -d --network=bridge2 --name box2 busybox sleep 600 >/dev/null',
        'docker exec box1 ping -c 2 box2',
      ].join(' && '),
      { timeoutMs: 30_000 },
    );
    expect(result.output).toMatch(/PING box2 \(172\.18\.0\.3\)/);
    expect(result.output).toContain('2 packets transmitted, 2 packets received, 0% packet loss');
    expect(result.exit).toBe(0);
  });

  it('boots like a stock VM: forwarding was off, so dockerd turned it on and set the FORWARD policy to DROP', async () => {
    expect((await sandbox.exec('iptables -S FORWARD | head -n 1')).output).toBe('-P FORWARD DROP\n');
    expect((await sandbox.exec('sysctl -n net.ipv4.ip_forward')).output).toBe('1\n');
    expect((await sandbox.exec('cat /etc/resolv.conf')).output).toBe('nameserver 10.0.2.3\n');
    expect((await sandbox.exec('docker run --rm busybox cat /etc/resolv.conf', { timeoutMs: 30_000 })).output).toBe('nameserver 10.0.2.3\n');
  });

  it('builds two network namespaces joined by a veth that ping each other with `ip netns` (lesson 6-1)', async () => {
    const result = await sandbox.exec(
      [
        'ip netns add a && ip netns add b',
        'ip link add veth-a type veth peer name veth-b',
        'ip link set veth-a netns a && ip link set veth-b netns b',
        'ip netns exec a ip addr add 10.200.0.2/24 dev veth-a && ip -n b addr add 10.200.0.3/24 dev veth-b',
        'ip netns exec a ip link set veth-a up && ip netns exec b ip link set veth-b up && ip netns exec a ip link set lo up',
        'ip netns exec a ls /sys/class/net | xargs',
        'ip netns exec a ping -c 1 -W 2 10.200.0.3',
      ].join(' && '),
      { timeoutMs: 30_000 },
    );
    expect(result.output).not.toContain('mount of /sys failed');
    // the namespace's own sysfs, as iproute2 mounts it
    expect(result.output).toContain('lo veth-a\n');
    expect(result.output).toContain('1 packets transmitted, 1 received');
    expect(result.exit).toBe(0);
    // iproute2's own errors where it has them
    const missing = await sandbox.exec('ip netns exec nope true; echo exit=$?; ip netns exec a nosuch; echo exit=$?');
    expect(missing.output).toBe('Cannot open network namespace "nope": No such file or directory\nexit=255\nexec of "nosuch" failed: No such file or directory\nexit=1\n');
    await sandbox.exec('ip netns del a; ip netns del b');
  });

  it('shows the DNAT rule of `docker run -d -p 1234:80 nginx` and serves the welcome page', async () => {
    const run = await sandbox.exec('docker run -d -p 1234:80 --name web nginx', { timeoutMs: 30_000 });
    expect(run.exit).toBe(0);
    const nat = await sandbox.exec('iptables -t nat -L -n | grep 1234');
    expect(nat.exit).toBe(0);
    expect(nat.output).toMatch(/^DNAT\s.*dpt:1234 to:172\.17\.0\.\d+:80$/m);
    const page = await sandbox.exec('for i in 1 2 3 4 5 6 7 8 9 10; do curl -s http://127.0.0.1:1234/ && break; sleep 0.3; done');
    expect(page.output).toContain('<title>Welcome to nginx!</title>');
  });

  it('lets `yum install -y net-tools` bring ifconfig into the centos image', async () => {
    const result = await sandbox.exec("docker run --rm centos /bin/bash -c 'ifconfig; echo exit=$?; yum install -y net-tools >/dev/null && ifconfig eth0'", { timeoutMs: 30_000 });
    expect(result.output).toContain('ifconfig: command not found');
    expect(result.output).toContain('exit=127');
    expect(result.output).toMatch(/eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>\s+mtu 1500\n\s+inet 172\.17\.0\.\d+/);
  });

  it("lets lesson 1-1's `apt-get update; apt-get install -y net-tools iproute2` bring ifconfig and ip into the ubuntu image", async () => {
    const result = await sandbox.exec(
      "docker run --rm ubuntu bash -c 'exec 2>&1; ip a; echo exit=$?; apt-get install -y net-tools; echo exit=$?; apt-get update >/dev/null && apt-get install -y net-tools iproute2 && ifconfig eth0 && ip -4 addr show eth0; apt-get install -y nosuch; echo exit=$?'",
      { timeoutMs: 30_000 },
    );
    expect(result.output).toContain('ip: command not found');
    expect(result.output).toContain('exit=127');
    // empty package lists before `apt-get update`, as in a fresh container
    expect(result.output).toMatch(/E: Unable to locate package net-tools\nexit=100/);
    expect(result.output).toContain('The following NEW packages will be installed:\n  net-tools iproute2\n');
    expect(result.output).toContain('Setting up iproute2 ...');
    expect(result.output).toMatch(/eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>\s+mtu 1500\n\s+inet 172\.17\.0\.\d+/);
    expect(result.output).toMatch(/inet 172\.17\.0\.\d+\/16 brd 172\.17\.255\.255 scope global eth0/);
    expect(result.output).toMatch(/E: Unable to locate package nosuch\nexit=100/);
  });

  it("keeps two sessions apart: neither sees the other's containers or reaches its network", async () => {
    const other = await suite.driver.create();
    try {
      expect((await other.exec('docker ps -a --format "{{.Names}}"')).output).toBe('');
      const mine = await sandbox.exec('docker ps -a --format "{{.Names}}" | sort');
      expect(mine.output).toContain('box1');
      // each sandbox host sits alone on its own private network
      const ownAddress = (await sandbox.exec("ip -4 -o addr show vethlab0 | awk '{print $4}' | cut -d/ -f1")).output.trim();
      expect(ownAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      const probe = await other.exec(`ping -c 1 -W 1 ${ownAddress}`);
      expect(probe.exit).not.toBe(0);
    } finally {
      await other.close();
    }
  });

  it('closes idempotently and answers checks after close with exit 255', async () => {
    const extra = await suite.driver.create();
    await Promise.all([extra.close(), extra.close()]);
    expect((await extra.exec('true')).exit).toBe(255);
  });
});

describe.skipIf(skipReason !== undefined)('docker driver: two nodes', { timeout: 120_000 }, () => {
  let removeGuard = () => {};
  let driver: DockerDriver;

  beforeAll(() => {
    removeGuard = ensureGuard();
    driver = testDriver();
  });

  afterAll(async () => {
    await driver?.close();
    await removeRunLeftovers();
    removeGuard();
  }, 120_000);

  it('gives node1 and node2 a private network where each pings the other by name', async () => {
    const sandbox = await driver.create({ profile: 'two-nodes' });
    expect(sandbox.nodes).toEqual(['node1', 'node2']);
    expect((await sandbox.exec('hostname', { node: 'node2' })).output).toBe('node2\n');
    const ping = await sandbox.exec('ping -c 1 -W 2 node2', { node: 'node1' });
    expect(ping.exit).toBe(0);
    expect(ping.output).toContain('1 received');
    const output = await run(sandbox.terminal('node2'), 'hostname', /root@node2:~# $/);
    expect(output).toContain('root@node2:~# ');
    await sandbox.close();
  });

  it('refuses a profile it does not know, as the simulator does, instead of falling back to one node', async () => {
    await expect(driver.create({ profile: 'nginx-running' })).rejects.toBeInstanceOf(UnknownProfileError);
  });
});
