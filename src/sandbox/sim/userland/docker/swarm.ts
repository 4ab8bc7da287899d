/**
 * docker swarm init | join | leave | join-token and docker node ls | inspect: the CLI over the
 * daemon's swarm model. `swarm join` really connects to the manager's port 2377 through the
 * model (routes, firewall), so a wrong address or a DROP rule makes it fail like on real hosts.
 */
import { isAbortError } from '../../clock.ts';
import { exchange } from '../../kernel/delivery.ts';
import { formatIp, formatPrefix, parseIp } from '../../kernel/ipv4.ts';
import { liveManagers } from '../../daemon/cluster.ts';
import { NOT_MANAGER, SWARM_PORT, WORKER_NOT_MANAGER, swarmInit as initSwarm, swarmJoin as joinSwarm, swarmLeave as leaveSwarm } from '../../daemon/swarm.ts';
import type { Daemon } from '../../daemon/daemon.ts';
import type { Proc } from '../proc.ts';
import type { ProgramContext } from '../program.ts';
import { operand, type DockerCall } from './command.ts';
import { printFormatted } from './formatter.ts';
import { printInspected } from './inspect.ts';
import { VERSION } from './version.ts';
import { tabwrite } from './tabwriter.ts';
import { daemonError } from './usage.ts';

type Membership = NonNullable<Daemon['swarm']>;

function joinMessage(token: string, addr: number): string {
  return `    docker swarm join --token ${token} ${formatIp(addr)}:${SWARM_PORT}\n`;
}

function dialRefused(addr: number, port: number): string {
  return `rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing dial tcp ${formatIp(addr)}:${port}: connect: connection refused"`;
}

/** This node's membership when it is a manager; otherwise the daemon's refusal is printed. */
function asManager(ctx: ProgramContext, d: Daemon): Membership | number {
  const m = d.swarm;
  if (!m) return daemonError(ctx, NOT_MANAGER);
  if (m.node.role !== 'manager') return daemonError(ctx, WORKER_NOT_MANAGER);
  return m;
}

/** docker swarm init. */
export async function swarmInit({ p, ctx, flags }: DockerCall): Promise<number> {
  const r = initSwarm(p.daemon, flags.string('advertise-addr'), parseIp);
  if (!r.ok) return daemonError(ctx, r.error.message);
  ctx.io.stdout(
    `Swarm initialized: current node (${r.value.nodeId}) is now a manager.\n\nTo add a worker to this swarm, run the following command:\n\n${joinMessage(r.value.token, r.value.addr)}\nTo add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions.\n\n`,
  );
  return 0;
}

/** docker swarm join HOST:PORT. */
export async function swarmJoin(call: DockerCall): Promise<number> {
  const { p, ctx, flags } = call;
  const d = p.daemon;
  if (d.swarm) return daemonError(ctx, 'This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.');
  const remote = operand(call, 0);
  const [host, portText] = remote.split(':') as [string, string | undefined];
  const port = portText === undefined ? SWARM_PORT : Number(portText);
  const addr = parseIp(host);
  if (addr === undefined || !Number.isInteger(port)) return daemonError(ctx, `invalid remote address ${remote}`);
  const token = flags.string('token') ?? '';
  // The join is a gRPC call to the manager: it must get through the network model.
  const out = exchange(p.kernel.init, { proto: 'tcp', dst: addr, dport: port, bytes: 60 + token.length, request: token }, d.uplink);
  if (out.kind === 'refused') return daemonError(ctx, dialRefused(addr, port));
  if (out.kind !== 'reply') {
    try {
      await ctx.clock.sleep(20_000, ctx.signal);
    } catch (e) {
      if (isAbortError(e)) return 130;
      throw e;
    }
    return daemonError(
      ctx,
      'Timeout was reached before node joined. The attempt to join the swarm will continue in the background. Use the "docker info" command to see the current swarm status of your node.',
    );
  }
  const manager =
    [...p.world.nodes.values()].find((n) => n.daemon.swarm?.node.addr === out.from && n.daemon.swarm.node.role === 'manager')?.daemon ??
    [...p.world.nodes.values()].find((n) => n.daemon.swarm?.node.role === 'manager' && n.kernel.init.links.some((l) => l.addrs.some((a) => a.addr === out.from)))?.daemon;
  if (!manager) return daemonError(ctx, dialRefused(addr, port));
  const r = joinSwarm(d, manager, token, flags.string('advertise-addr'), parseIp);
  if (!r.ok) return daemonError(ctx, r.error.message);
  ctx.io.stdout(`This node joined a swarm as a ${r.value}.\n`);
  return 0;
}

/** docker swarm leave. */
export async function swarmLeave({ p, ctx, flags }: DockerCall): Promise<number> {
  const r = leaveSwarm(p.daemon, flags.bool('force'));
  if (!r.ok) return daemonError(ctx, r.error.message);
  ctx.io.stdout('Node left the swarm.\n');
  return 0;
}

/** docker swarm join-token (worker|manager). */
export async function swarmJoinToken(call: DockerCall): Promise<number> {
  const { p, ctx, flags } = call;
  const role = operand(call, 0);
  // The CLI checks the role itself, before asking the daemon (cli/command/swarm/join_token.go).
  if (role !== 'worker' && role !== 'manager') {
    ctx.io.stderr(`unknown role ${role}\n`);
    return 1;
  }
  const m = asManager(ctx, p.daemon);
  if (typeof m === 'number') return m;
  const token = role === 'worker' ? m.cluster.workerToken : m.cluster.managerToken;
  if (flags.bool('quiet')) ctx.io.stdout(token + '\n');
  else ctx.io.stdout(`To add a ${role} to this swarm, run the following command:\n\n${joinMessage(token, m.node.addr)}\n`);
  return 0;
}

/** docker node ls. */
export async function nodeLs({ p, ctx, flags }: DockerCall): Promise<number> {
  const m = asManager(ctx, p.daemon);
  if (typeof m === 'number') return m;
  const self = m.node;
  const nodes = [...m.cluster.nodes].sort((a, b) => a.hostname.localeCompare(b.hostname, 'en', { numeric: true }) || a.id.localeCompare(b.id));
  if (flags.bool('quiet')) {
    ctx.io.stdout(nodes.map((n) => n.id + '\n').join(''));
    return 0;
  }
  const managerStatus = (n: (typeof nodes)[number]) => (n.role !== 'manager' ? '' : n.leader ? 'Leader' : n.status === 'Ready' ? 'Reachable' : 'Unreachable');
  const rows = nodes.map((n) => ({
    ID: n.id,
    Self: n === self,
    Hostname: n.hostname,
    Status: n.status,
    Availability: 'Active',
    ManagerStatus: managerStatus(n),
    EngineVersion: VERSION,
    TLSStatus: 'Ready',
  }));
  const format = flags.string('format');
  if (format)
    return printFormatted(ctx, format, rows, {
      ID: 'ID',
      Hostname: 'HOSTNAME',
      Status: 'STATUS',
      Availability: 'AVAILABILITY',
      ManagerStatus: 'MANAGER STATUS',
      EngineVersion: 'ENGINE VERSION',
      TLSStatus: 'TLS STATUS',
      Self: '',
    });
  ctx.io.stdout(
    tabwrite([
      ['ID', 'HOSTNAME', 'STATUS', 'AVAILABILITY', 'MANAGER STATUS', 'ENGINE VERSION'],
      ...rows.map((r) => [`${r.ID}${r.Self ? ' *' : ''}`, r.Hostname, r.Status, r.Availability, r.ManagerStatus, r.EngineVersion]),
    ]),
  );
  return 0;
}

/** docker node inspect self|NODE...: the fields lessons look at, as JSON or through -f. */
export async function nodeInspect({ p, ctx, flags, args }: DockerCall): Promise<number> {
  const m = asManager(ctx, p.daemon);
  if (typeof m === 'number') return m;
  const found = args.map((ref) => (ref === 'self' ? m.node : m.cluster.nodes.find((n) => n.id === ref || n.hostname === ref || n.id.startsWith(ref))));
  const missing = args.filter((_, i) => !found[i]);
  const objs = found
    .filter((n) => n !== undefined)
    .map((n) => ({
      ID: n.id,
      Spec: { Labels: {}, Role: n.role, Availability: 'active' },
      Description: { Hostname: n.hostname, Platform: { Architecture: 'x86_64', OS: 'linux' }, Engine: { EngineVersion: VERSION } },
      Status: { State: n.status.toLowerCase(), Addr: formatIp(n.addr) },
      ...(n.role === 'manager' ? { ManagerStatus: { Leader: n.leader, Reachability: n.status === 'Ready' ? 'reachable' : 'unreachable', Addr: `${formatIp(n.addr)}:${SWARM_PORT}` } } : {}),
    }));
  return printInspected(
    ctx,
    objs.map((json) => ({ json })),
    missing,
    flags.string('format'),
    'node',
  );
}

/** The Swarm part of `docker info` (text lines and the object templates see). */
export function swarmInfo(p: Proc): { lines: string[]; object: Record<string, unknown> } {
  const m = p.daemon.swarm;
  if (!m) {
    return { lines: [' Swarm: inactive'], object: { NodeID: '', NodeAddr: '', LocalNodeState: 'inactive', ControlAvailable: false, Error: '', RemoteManagers: null } };
  }
  const managers = liveManagers(m.cluster);
  const remote = managers.map((n) => ({ NodeID: n.id, Addr: `${formatIp(n.addr)}:${SWARM_PORT}` }));
  const isManager = m.node.role === 'manager';
  const object: Record<string, unknown> = {
    NodeID: m.node.id,
    NodeAddr: formatIp(m.node.addr),
    LocalNodeState: 'active',
    ControlAvailable: isManager,
    Error: '',
    RemoteManagers: remote,
  };
  const lines = [' Swarm: active', `  NodeID: ${m.node.id}`, `  Is Manager: ${isManager}`];
  if (!isManager) Object.assign(object, { Nodes: 0, Managers: 0 });
  if (isManager) {
    Object.assign(object, {
      Nodes: m.cluster.nodes.filter((n) => n.status === 'Ready' || n.role === 'worker').length,
      Managers: managers.length,
      Cluster: { ID: m.cluster.id, Spec: { Name: 'default' }, DefaultAddrPool: m.cluster.defaultAddrPool.map(formatPrefix), SubnetSize: m.cluster.subnetSize, DataPathPort: 4789 },
    });
    lines.push(
      `  ClusterID: ${m.cluster.id}`,
      `  Managers: ${managers.length}`,
      `  Nodes: ${object.Nodes as number}`,
      // The CLI joins the pools with two spaces after each, trailing ones included.
      `  Default Address Pool: ${m.cluster.defaultAddrPool.map((p) => `${formatPrefix(p)}  `).join('')}`,
      `  SubnetSize: ${m.cluster.subnetSize}`,
      '  Data Path Port: 4789',
      '  Orchestration:',
      '   Task History Retention Limit: 5',
      '  Raft:',
      '   Snapshot Interval: 10000',
      '   Number of Old Snapshots to Retain: 0',
      '   Heartbeat Tick: 1',
      '   Election Tick: 10',
      '  Dispatcher:',
      '   Heartbeat Period: 5 seconds',
      '  CA Configuration:',
      '   Expiry Duration: 3 months',
      '   Force Rotate: 0',
      '  Autolock Managers: false',
      '  Root Rotation In Progress: false',
    );
  }
  lines.push(`  Node Address: ${formatIp(m.node.addr)}`, '  Manager Addresses:', ...remote.map((r) => `   ${r.Addr}`));
  return { lines, object };
}
