/**
 * The iptables rules dockerd 20.10 installs (libnetwork drivers/bridge/setup_ip_tables.go and
 * iptables/iptables.go), issued as the same argv dockerd passes to iptables(8), in the same order,
 * so the tables list exactly like on a real host: newest network first under the two jumps.
 */
import { formatIp, formatPrefix } from '../kernel/ipv4.ts';
import type { Netfilter } from '../kernel/netfilter/table.ts';
import { iptables } from '../kernel/netfilter/xtables.ts';
import type { PortBinding } from './container.ts';
import type { Network } from './network.ts';

/** Run dockerd's iptables calls; they are known-good, so a failure is a model bug worth surfacing. */
function run(nf: Netfilter, ...calls: string[][]): void {
  for (const argv of calls) {
    const r = iptables(nf, argv);
    if (!r.ok) throw new Error(`dockerd iptables ${argv.join(' ')}: ${r.error}`);
  }
}

/** Whether a rule with exactly this spec exists (iptables -C). */
function exists(nf: Netfilter, argv: string[]): boolean {
  const check = [...argv];
  check[2] = '-C';
  return iptables(nf, check).ok;
}

/** `iptables -P FORWARD DROP`, as setupIPForwarding issues it when it had to turn ip_forward on. */
export function setForwardPolicyDrop(nf: Netfilter): void {
  run(nf, ['-t', 'filter', '-P', 'FORWARD', 'DROP']);
}

/** The chains and jumps dockerd sets up at start (setupIPChains + DOCKER-USER). */
export function installBaseRules(nf: Netfilter): void {
  run(
    nf,
    ['-t', 'nat', '-N', 'DOCKER'],
    ['-t', 'filter', '-N', 'DOCKER'],
    ['-t', 'filter', '-N', 'DOCKER-ISOLATION-STAGE-1'],
    ['-t', 'filter', '-N', 'DOCKER-ISOLATION-STAGE-2'],
    ['-t', 'filter', '-A', 'DOCKER-ISOLATION-STAGE-1', '-j', 'RETURN'],
    ['-t', 'filter', '-A', 'DOCKER-ISOLATION-STAGE-2', '-j', 'RETURN'],
    ['-t', 'nat', '-A', 'PREROUTING', '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'DOCKER'],
    ['-t', 'nat', '-A', 'OUTPUT', '!', '-d', '127.0.0.0/8', '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'DOCKER'],
    ['-t', 'filter', '-N', 'DOCKER-USER'],
    ['-t', 'filter', '-A', 'DOCKER-USER', '-j', 'RETURN'],
  );
}

/** Keep FORWARD's first two rules the DOCKER-USER and isolation jumps, as dockerd re-ensures them. */
function ensureJumps(nf: Netfilter): void {
  for (const chain of ['DOCKER-ISOLATION-STAGE-1', 'DOCKER-USER']) {
    const spec = ['-t', 'filter', '-D', 'FORWARD', '-j', chain];
    if (exists(nf, spec)) run(nf, spec);
    run(nf, ['-t', 'filter', '-I', 'FORWARD', '-j', chain]);
  }
}

/** The rule argvs for one bridge network, as (insert) calls in dockerd's order. */
function networkRules(n: Network, op: '-I' | '-D'): string[][] {
  const br = n.bridge?.name ?? '';
  const subnet = n.pool ? formatPrefix(n.pool.subnet) : '0.0.0.0/0';
  const masq = n.options['com.docker.network.bridge.enable_ip_masquerade'] !== 'false';
  const icc = n.options['com.docker.network.bridge.enable_icc'] !== 'false';
  if (n.internal) {
    return [
      ['-t', 'filter', op, 'FORWARD', '-i', br, '-o', br, '-j', 'ACCEPT'],
      // setupInternalNetworkRules inserts the inbound DROP first, so the outbound one lists above it.
      ['-t', 'filter', op, 'DOCKER-ISOLATION-STAGE-1', '!', '-d', subnet, '-i', br, '-j', 'DROP'],
      ['-t', 'filter', op, 'DOCKER-ISOLATION-STAGE-1', '!', '-s', subnet, '-o', br, '-j', 'DROP'],
    ];
  }
  const calls: string[][] = [];
  if (masq) calls.push(['-t', 'nat', op, 'POSTROUTING', '-s', subnet, '!', '-o', br, '-j', 'MASQUERADE']);
  calls.push(['-t', 'nat', op, 'DOCKER', '-i', br, '-j', 'RETURN']);
  calls.push(['-t', 'filter', op, 'FORWARD', '-i', br, '-o', br, '-j', icc ? 'ACCEPT' : 'DROP']);
  calls.push(['-t', 'filter', op, 'FORWARD', '-i', br, '!', '-o', br, '-j', 'ACCEPT']);
  calls.push(['-t', 'filter', op, 'FORWARD', '-o', br, '-j', 'DOCKER']);
  calls.push(['-t', 'filter', op, 'FORWARD', '-o', br, '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT']);
  calls.push(['-t', 'filter', op, 'DOCKER-ISOLATION-STAGE-1', '-i', br, '!', '-o', br, '-j', 'DOCKER-ISOLATION-STAGE-2']);
  calls.push(['-t', 'filter', op, 'DOCKER-ISOLATION-STAGE-2', '-o', br, '-j', 'DROP']);
  return calls;
}

/** Install a bridge network's NAT, forwarding and isolation rules. */
export function installNetworkRules(nf: Netfilter, n: Network): void {
  run(nf, ...networkRules(n, '-I'));
  ensureJumps(nf);
}

/** Remove them when the network goes. */
export function removeNetworkRules(nf: Netfilter, n: Network): void {
  for (const call of networkRules(n, '-D')) if (exists(nf, call)) run(nf, call);
}

/** The rules for one published port (bridge driver's setPerPortIptables + DNAT). */
function portRules(n: Network, containerIp: number, b: PortBinding, nat: '-A' | '-D', filter: '-A' | '-D'): string[][] {
  const br = n.bridge?.name ?? '';
  const ip = formatIp(containerIp);
  const dst = b.hostIp === '0.0.0.0' ? [] : ['-d', `${b.hostIp}/32`];
  return [
    ['-t', 'nat', nat, 'DOCKER', ...dst, '!', '-i', br, '-p', b.proto, '-m', b.proto, '--dport', String(b.hostPort), '-j', 'DNAT', '--to-destination', `${ip}:${b.containerPort}`],
    ['-t', 'filter', filter, 'DOCKER', '-d', `${ip}/32`, '!', '-i', br, '-o', br, '-p', b.proto, '-m', b.proto, '--dport', String(b.containerPort), '-j', 'ACCEPT'],
    ['-t', 'nat', nat, 'POSTROUTING', '-s', `${ip}/32`, '-d', `${ip}/32`, '-p', b.proto, '-m', b.proto, '--dport', String(b.containerPort), '-j', 'MASQUERADE'],
  ];
}

/**
 * Publish a port: DNAT in nat DOCKER, ACCEPT in filter DOCKER, hairpin MASQUERADE. Like
 * libnetwork's ProgramRule, a rule already there is not appended again (two host ports to one
 * container port share one ACCEPT), and removal deletes only what is there.
 */
export function installPortRules(nf: Netfilter, n: Network, containerIp: number, b: PortBinding): void {
  for (const call of portRules(n, containerIp, b, '-A', '-A')) if (!exists(nf, call)) run(nf, call);
}

/** Unpublish it. */
export function removePortRules(nf: Netfilter, n: Network, containerIp: number, b: PortBinding): void {
  for (const call of portRules(n, containerIp, b, '-D', '-D')) if (exists(nf, call)) run(nf, call);
}
