/**
 * Kernel parameters (/proc/sys). Only the keys the course touches are modelled; each namespace keeps
 * the values it differs in. `net.*` keys are per network namespace, the rest belong to the machine.
 */

/** A known parameter: its default and whether it lives in the network namespace. */
interface SysctlSpec {
  value: string;
  /** Validates a written value; returns the stored form or undefined when the kernel rejects it. */
  accept?: (v: string) => string | undefined;
}

const boolean01 = (v: string): string | undefined => (/^\s*[01]\s*$/.test(v) ? v.trim() : undefined);
const integer = (v: string): string | undefined => (/^\s*-?\d+\s*$/.test(v) ? String(Number(v.trim())) : undefined);
const pair = (v: string): string | undefined => {
  const parts = v.trim().split(/\s+/);
  return parts.length === 2 && parts.every((p) => /^\d+$/.test(p)) ? parts.join('\t') : undefined;
};

/** The parameters the simulator knows, with the defaults of a Debian 12 kernel. */
export const SYSCTL_SPECS: ReadonlyMap<string, SysctlSpec> = new Map<string, SysctlSpec>([
  ['kernel.hostname', { value: 'localhost' }],
  ['kernel.ostype', { value: 'Linux' }],
  ['kernel.osrelease', { value: '6.1.0-18-amd64' }],
  ['kernel.version', { value: '#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)' }],
  ['net.bridge.bridge-nf-call-iptables', { value: '1', accept: boolean01 }],
  ['net.bridge.bridge-nf-call-ip6tables', { value: '1', accept: boolean01 }],
  ['net.core.somaxconn', { value: '4096', accept: integer }],
  ['net.ipv4.conf.all.forwarding', { value: '0', accept: boolean01 }],
  ['net.ipv4.icmp_echo_ignore_all', { value: '0', accept: boolean01 }],
  ['net.ipv4.ip_forward', { value: '0', accept: boolean01 }],
  ['net.ipv4.ip_local_port_range', { value: '32768\t60999', accept: pair }],
  ['net.ipv4.ping_group_range', { value: '1\t0', accept: pair }],
  ['net.ipv4.tcp_syncookies', { value: '1', accept: boolean01 }],
  ['net.ipv6.conf.all.disable_ipv6', { value: '0', accept: boolean01 }],
  ['net.ipv6.conf.all.forwarding', { value: '0', accept: boolean01 }],
]);

/** ip_forward and conf.all.forwarding are one switch in the kernel. */
const ALIASES: ReadonlyMap<string, string> = new Map([['net.ipv4.conf.all.forwarding', 'net.ipv4.ip_forward']]);

/** Canonical key: slashes become dots, as sysctl(8) accepts both. */
export function sysctlKey(name: string): string {
  const dotted = name.replace(/^\/?proc\/sys\//, '').replace(/\//g, '.');
  return ALIASES.get(dotted) ?? dotted;
}

/** Values set in one namespace; unset keys read as their defaults. */
export class Sysctl {
  private readonly values: Map<string, string>;

  /** A new namespace copies the values of init_net (net.core.devconf_inherit_init_net=0). */
  constructor(copyOf?: Sysctl) {
    this.values = new Map(copyOf?.values);
  }

  /** The value of `name`, or undefined when the key does not exist. */
  get(name: string): string | undefined {
    const key = sysctlKey(name);
    const spec = SYSCTL_SPECS.get(key);
    if (!spec) return undefined;
    return this.values.get(key) ?? spec.value;
  }

  /** Write `value`; returns 'ok', 'unknown' (no such key) or 'invalid' (EINVAL). */
  set(name: string, value: string): 'ok' | 'unknown' | 'invalid' {
    const key = sysctlKey(name);
    const spec = SYSCTL_SPECS.get(key);
    if (!spec) return 'unknown';
    const stored = spec.accept ? spec.accept(value) : value.trim();
    if (stored === undefined) return 'invalid';
    this.values.set(key, stored);
    return 'ok';
  }

  /** Every known key in sysctl -a order (sorted). */
  keys(): string[] {
    return [...SYSCTL_SPECS.keys()].sort();
  }
}
