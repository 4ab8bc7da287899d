/**
 * The environment a legacy link gives a container (moby daemon/links): for each link on the
 * default bridge, ALIAS_NAME, the target's exposed ports as ALIAS_PORT… variables and its
 * environment as ALIAS_ENV_…, in the order links.Link.ToEnv writes them.
 */
import { formatIp } from '../kernel/ipv4.ts';
import { exposedPorts, type Container } from './container.ts';
import { isDefaultBridge } from './network.ts';

interface Port {
  port: number;
  proto: string;
}

/** "80/tcp" → {80, tcp}; a bare number is tcp. */
function parsePort(text: string): Port {
  const [port, proto] = text.split('/');
  return { port: Number(port), proto: proto ?? 'tcp' };
}

/** links.go's order: lower ports first, tcp before another protocol on the same port. */
function byPortTcpFirst(a: Port, b: Port): number {
  return a.port - b.port || (a.proto === 'tcp' ? -1 : b.proto === 'tcp' ? 1 : 0);
}

/** The last index of the run starting at `i` that climbs at most one port a step (links.nextContiguous). */
function contiguousEnd(ports: readonly Port[], i: number): number {
  let value = ports[i]?.port ?? 0;
  for (let k = i + 1; k < ports.length; k++) {
    if ((ports[k]?.port ?? 0) > value + 1) return k - 1;
    value++;
  }
  return ports.length - 1;
}

/** The port variables of one target, ranges of consecutive ports collapsed to _START/_END. */
function portVariables(alias: string, ip: string, ports: readonly Port[]): string[] {
  const env: string[] = [];
  const first = ports[0];
  if (first) env.push(`${alias}_PORT=${first.proto}://${ip}:${first.port}`);
  for (let i = 0; i < ports.length; ) {
    const p = ports[i] as Port;
    const key = `${alias}_PORT_${p.port}_${p.proto.toUpperCase()}`;
    const j = contiguousEnd(ports, i);
    if (j > i + 1) {
      const q = ports[j] as Port;
      env.push(`${key}_START=${p.proto}://${ip}:${p.port}`, `${key}_ADDR=${ip}`, `${key}_PROTO=${p.proto}`, `${key}_PORT_START=${p.port}`);
      env.push(`${alias}_PORT_${p.port}_${q.proto.toUpperCase()}_END=${q.proto}://${ip}:${q.port}`, `${alias}_PORT_${p.port}_${q.proto.toUpperCase()}_PORT_END=${q.port}`);
      i = j + 1;
      continue;
    }
    env.push(`${key}=${p.proto}://${ip}:${p.port}`, `${key}_ADDR=${ip}`, `${key}_PORT=${p.port}`, `${key}_PROTO=${p.proto}`);
    i++;
  }
  return env;
}

/** The variables of all of `c`'s legacy links whose target has an address on the default bridge. */
export function linkEnvironment(c: Container): string[] {
  const env: string[] = [];
  for (const link of c.links ?? []) {
    const ep = link.target.endpoints.find((e) => isDefaultBridge(e.network) && e.addr !== undefined);
    if (!ep || ep.addr === undefined) continue;
    const alias = link.alias.toUpperCase().replaceAll('-', '_');
    const ports = exposedPorts(link.target).map(parsePort).sort(byPortTcpFirst);
    env.push(...portVariables(alias, formatIp(ep.addr), ports));
    env.push(`${alias}_NAME=/${c.name}/${link.alias}`);
    for (const v of link.target.config.env) {
      const eq = v.indexOf('=');
      if (eq < 0) continue;
      const key = v.slice(0, eq);
      // links.go skips what docker build adds.
      if (key === 'HOME' || key === 'PATH') continue;
      env.push(`${alias}_ENV_${key}=${v.slice(eq + 1)}`);
    }
  }
  return env;
}
