/**
 * `docker ps --filter publish=...` and `--filter expose=...` (daemon/list.go): a port, a range
 * and an optional protocol (`8080`, `8000-9000/tcp`, `53/udp`), matched against the host ports a
 * running container has published (NetworkSettings.Ports) or the ports it exposes
 * (Config.ExposedPorts: the image's, --expose and -p's container ports). Several values of one
 * key are alternatives.
 */
import { exposedPorts, type Container } from '../../daemon/container.ts';

/** The two port filters. */
export type PortFilterKey = 'publish' | 'expose';

/** strconv.ParseUint(s, 10, 16)'s value or its error text. */
function parseUint16(s: string): number | string {
  if (!/^\d+$/.test(s)) return `strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`;
  const n = Number(s);
  return n > 65535 ? `strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range` : n;
}

/** nat.SplitProtoPort: `80` is tcp, `80/` too. */
function splitProtoPort(raw: string): [proto: string, port: string] {
  const parts = raw.split('/');
  const port = parts[0] ?? '';
  if (raw === '' || port === '') return ['', ''];
  const proto = parts[1] ?? '';
  return [proto === '' ? 'tcp' : proto, port];
}

/** nat.ParsePortRange. */
function parsePortRange(ports: string): [number, number] | string {
  if (ports === '') return 'empty string specified for ports';
  if (!ports.includes('-')) {
    const n = parseUint16(ports);
    return typeof n === 'string' ? n : [n, n];
  }
  const [a = '', b = ''] = ports.split('-');
  const start = parseUint16(a);
  if (typeof start === 'string') return start;
  const end = parseUint16(b);
  if (typeof end === 'string') return end;
  return end < start ? `invalid range specified for port: ${ports}` : [start, end];
}

/** The `port/proto` keys one filter value names, or the daemon's error for it. */
export function portFilterKeys(key: PortFilterKey, value: string): string[] | string {
  if (value.includes(':')) return `filter for '${key}' should not contain ':': ${value}`;
  const [proto, port] = splitProtoPort(value);
  const range = parsePortRange(port);
  if (typeof range === 'string') return `error while looking up for ${key} ${value}: ${range}`;
  const keys: string[] = [];
  for (let p = range[0]; p <= range[1]; p++) keys.push(`${p}/${proto}`);
  return keys;
}

/** The ports of `c` a filter of `key` is matched against. */
export function portsForFilter(c: Container, key: PortFilterKey): string[] {
  return key === 'publish' ? c.ports.map((b) => `${b.hostPort}/${b.proto}`) : exposedPorts(c);
}
