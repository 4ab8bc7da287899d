/**
 * No way out of a sandbox. The only target is one this test sets up itself: a TCP listener on a
 * TEST-NET-2 address of an interface it adds to this machine (machine-listener.ts). Never a real
 * outside address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/driver.ts';
import { skipReason, suiteSandbox } from './engine.ts';
import { addProbeLink, startMachineListener, type MachineListener } from './machine-listener.ts';

const engineMissing = skipReason !== undefined;
const link = engineMissing ? undefined : addProbeLink();
const linkMissing = !engineMissing && !link;
if (linkMissing) console.warn('egress test skipped: cannot add a veth pair (needs root)');

describe.skipIf(engineMissing || linkMissing)('docker driver: no egress', { timeout: 120_000 }, () => {
  const suite = suiteSandbox();
  let sandbox: Sandbox;
  let listener: MachineListener;
  let ADDRESS = '';
  let port = 0;

  beforeAll(async () => {
    listener = await startMachineListener(link!, 'HTTP/1.0 200 OK\r\n\r\nreached\n');
    ({ address: ADDRESS, port } = listener);
    sandbox = await suite.start();
  }, 120_000);

  afterAll(async () => {
    await suite.stop();
    listener?.close();
  }, 120_000);

  it('has a listener the machine itself reaches (the probe target is real)', async () => {
    expect(await listener.probeFromMachine()).toContain('reached');
    listener.connections.length = 0;
  });

  it('cannot reach the address from the sandbox host', async () => {
    const tcp = await sandbox.exec(`curl -s -m 3 http://${ADDRESS}:${port}/; echo exit=$?`);
    expect(tcp.output).not.toContain('reached');
    expect(tcp.output).not.toContain('exit=0');
    // A public address: the sandbox's own fake internet answers the ping (TTL 117, as in the
    // simulator), never the machine, whose listener saw nothing (last test).
    const ping = await sandbox.exec(`ping -c 1 -W 2 ${ADDRESS}`);
    expect(ping.output).toMatch(/ttl=117/);
    // A private address behind the fake router goes nowhere.
    expect((await sandbox.exec('ping -c 1 -W 1 192.168.1.1')).exit).not.toBe(0);
  });

  it('cannot reach the address from a container inside the sandbox', async () => {
    const result = await sandbox.exec(`docker run --rm busybox wget -T 3 -qO- http://${ADDRESS}:${port}/; echo exit=$?`, { timeoutMs: 30_000 });
    expect(result.output).not.toContain('reached');
    expect(result.output).not.toContain('exit=0');
  });

  it('has no route to the machine over its private network and no IPv6', async () => {
    // the default route leads into the sandbox's own fake outside world, not to the private network
    expect((await sandbox.exec('ip route show default')).output.trim()).toBe('default via 10.0.2.2 dev eth0');
    expect((await sandbox.exec('ip route show dev vethlab0')).output).not.toMatch(/via|default/);
    // the private network's gateway address (the machine's end, if it had one) does not answer
    const subnet = (await sandbox.exec("ip -4 -o addr show dev vethlab0 | awk '{print $4}'")).output.trim();
    const gateway = subnet.replace(/\.(\d+)\/\d+$/, (_m, last: string) => `.${(Number(last) & ~15) + 1}`);
    expect(gateway).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect((await sandbox.exec(`ping -c 1 -W 2 ${gateway}`)).exit).not.toBe(0);
    for (const dev of ['eth0', 'vethlab0']) expect((await sandbox.exec(`ip -6 addr show dev ${dev}`)).output.trim()).toBe('');
  });

  it('answers pings to 8.8.8.8 from an inner container out of the fake internet, and the machine stays unreached', async () => {
    const result = await sandbox.exec('docker run --rm busybox ping -c 1 -W 2 8.8.8.8', { timeoutMs: 30_000 });
    expect(result.output).toContain('1 packets received');
    // forwarded by the sandbox host (TTL 117 - 1), MASQUERADEd to its 10.0.2.15
    expect(result.output).toMatch(/ttl=116/);
    const wget = await sandbox.exec(`docker run --rm busybox wget -T 3 -qO- http://${ADDRESS}:${port}/; echo exit=$?`, { timeoutMs: 30_000 });
    expect(wget.output).not.toContain('reached');
    expect(wget.output).not.toContain('exit=0');
    // the fake outside world is two namespaces inside the container: only their own links
    const links = await sandbox.exec("for ns in router internet; do nsenter --net=/run/vethlab/netns/$ns ip -br link | awk '{print $1}' | cut -d@ -f1 | sort | xargs; done");
    expect(links.output).toBe('lo nat0 wan0\neth0 lo\n');
  });

  it('fails name lookups inside the sandbox, without a query leaving it or reaching the machine engine', async () => {
    // a stock VM's resolver: VirtualBox's NAT DNS, in the fake router here, where nothing serves DNS
    expect((await sandbox.exec('cat /etc/resolv.conf')).output).toBe('nameserver 10.0.2.3\n');
    expect((await sandbox.exec('iptables -t nat -S OUTPUT')).output).not.toContain('127.0.0.11');
    const run = await sandbox.exec(
      [
        // vethlab0 is the container's only way out; 127.0.0.11 would be the machine engine's DNS. IPv6 multicast
        // (the MLD reports and router solicitations of interfaces dockerd creates) stays on the link: not counted.
        "tcpdump -n -l -i vethlab0 'not ip6 multicast' >/tmp/out.txt 2>/dev/null & out=$!",
        'tcpdump -n -l -i lo host 127.0.0.11 >/tmp/engine.txt 2>/dev/null & engine=$!',
        'sleep 1',
        'getent hosts example.com; echo host=$?',
        'docker run --rm busybox nslookup example.com; echo bridge=$?',
        'docker network create lookups >/dev/null; docker run --rm --network lookups busybox nslookup example.com; echo user=$?',
        'sleep 1; kill $out $engine; wait',
        'echo "left: $(grep -c . /tmp/out.txt) engine: $(grep -c . /tmp/engine.txt)"',
      ].join('\n'),
      { timeoutMs: 60_000 },
    );
    expect(run.output).toContain('host=2');
    expect(run.output).toMatch(/bridge=[1-9]/);
    expect(run.output).toMatch(/user=[1-9]/);
    expect(run.output).toContain('left: 0 engine: 0');
  });

  it('never let a connection through', () => {
    expect(listener.connections).toEqual([]);
  });
});
