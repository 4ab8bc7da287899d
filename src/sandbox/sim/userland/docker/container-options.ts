/**
 * The container options the CLI checks itself before asking the daemon (cli/opts and
 * cli/command/container/opts.go, go-connections/nat): -p specs with lists and ranges, --expose,
 * and the validators pflag runs on each --dns / --add-host value as it parses it.
 */
import { parseIp } from '../../kernel/ipv4.ts';
import type { PortSpec } from '../../daemon/container.ts';

/** Protocols nat.ParsePortSpec accepts; sctp passes the CLI and fails in docker-proxy. */
const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

/** nat.ParsePortRange: "80" or "8000-8010"; undefined when it does not parse. */
function parsePortRange(text: string): { start: number; end: number } | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) return undefined;
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  if (start > 65535 || end > 65535 || end < start) return undefined;
  return { start, end };
}

/** nat.SplitProtoPort: "80/udp" → ["udp", "80"]; the protocol defaults to tcp. */
function splitProtoPort(text: string): { proto: string; port: string } {
  const slash = text.indexOf('/');
  if (slash < 0) return { proto: 'tcp', port: text };
  return { proto: text.slice(slash + 1) || 'tcp', port: text.slice(0, slash) };
}

/** The host IP part of a -p value; with colons in it, Go's net.SplitHostPort(ip + ":") complains. */
function checkHostIp(ip: string): string | undefined {
  if (ip === '') return undefined;
  if (ip.includes(':')) return `Invalid ip address ${ip}: address ${ip}:: too many colons in address`;
  return parseIp(ip) === undefined ? `Invalid ip address: ${ip}` : undefined;
}

/**
 * nat.ParsePortSpec: [ip:][hostPort[-end]:]containerPort[-end][/proto] → one spec per container
 * port. A single container port with a host range keeps the range for the allocator to pick from.
 */
export function parsePublish(value: string): PortSpec[] | string {
  const parts = value.split(':');
  const n = parts.length;
  const last = parts[n - 1] ?? '';
  const hostPort = parts[n - 2] ?? '';
  const hostIp = n >= 3 ? parts.slice(0, n - 2).join(':') : '';
  const { proto, port: containerPort } = splitProtoPort(last);
  const ipError = checkHostIp(hostIp);
  if (ipError !== undefined) return ipError;
  if (containerPort === '') return `No port specified: ${value}<empty>`;
  const inner = parsePortRange(containerPort);
  if (!inner || inner.start === 0) return `Invalid containerPort: ${containerPort}`;
  let outer = { start: 0, end: 0 };
  if (hostPort !== '') {
    const parsed = parsePortRange(hostPort);
    if (!parsed) return `Invalid hostPort: ${hostPort}`;
    outer = parsed;
    if (outer.end - outer.start !== inner.end - inner.start && inner.end !== inner.start) {
      return `Invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`;
    }
  }
  if (!PROTOCOLS.has(proto.toLowerCase())) return `Invalid proto: ${proto}`;
  const specs: PortSpec[] = [];
  for (let i = 0; i <= inner.end - inner.start; i++) {
    const spec: PortSpec = { hostIp, hostPort: hostPort === '' ? 0 : outer.start + i, containerPort: inner.start + i, proto: proto.toLowerCase() as PortSpec['proto'] };
    // One container port and a host range: the daemon allocates within the range.
    if (inner.start === inner.end && outer.start !== outer.end) spec.hostPortEnd = outer.end;
    specs.push(spec);
  }
  return specs;
}

/** --expose PORT[-END][/PROTO] → "80/tcp" keys, as opts.go merges them into ExposedPorts. */
export function parseExpose(value: string): string[] | string {
  if (value.includes(':')) return `invalid port format for --expose: ${value}`;
  const { proto, port } = splitProtoPort(value);
  const range = parsePortRange(port);
  if (!range) return `invalid range format for --expose: ${value}, error: Invalid range specified for the Port: ${port}`;
  const out: string[] = [];
  for (let p = range.start; p <= range.end; p++) out.push(`${p}/${proto.toLowerCase()}`);
  return out;
}

/** opts.ValidateIPAddress, run on each --dns value. */
export function validateDnsServer(value: string): string | undefined {
  return parseIp(value.trim()) === undefined ? `${value} is not an ip address` : undefined;
}

/** opts.ValidateExtraHost: NAME:IP (the IP may be IPv6, so only the first colon splits). */
export function validateExtraHost(value: string): string | undefined {
  const colon = value.indexOf(':');
  if (colon < 0 || value.slice(0, colon) === '') return `bad format for add-host: ${JSON.stringify(value)}`;
  const ip = value.slice(colon + 1);
  return parseIp(ip) === undefined && !/^[0-9a-fA-F:]+$/.test(ip) ? `invalid IP address in add-host: ${JSON.stringify(ip)}` : undefined;
}

/** net.ParseMAC for the 6-byte form Docker accepts (colon- or dash-separated). */
export function parseMacAddress(value: string): number[] | undefined {
  const m = /^([0-9a-fA-F]{2})([:-])([0-9a-fA-F]{2})\2([0-9a-fA-F]{2})\2([0-9a-fA-F]{2})\2([0-9a-fA-F]{2})\2([0-9a-fA-F]{2})$/.exec(value);
  if (!m) return undefined;
  return [m[1], m[3], m[4], m[5], m[6], m[7]].map((h) => parseInt(h ?? '', 16));
}
