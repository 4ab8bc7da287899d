/**
 * Every program the simulator implements, by the name it is installed under (the program
 * registry): names and traits here, implementations in program-table.ts, reached through
 * program-source.ts (loaded with the rest on the server; after the first prompt in the browser's
 * worker). Which of them a target actually has is decided by the image (or the host profile) and
 * what was installed. Adding a program is adding its module, its line in program-table.ts and its
 * name in TOOL_NAMES.
 */
import { programMain } from './program-source.ts';
import type { ProgramSpec } from './registry.ts';
import { SHELLS } from './shells.ts';

export { SHELLS } from './shells.ts';

/** The programs that are tools (a Tool, or a Main that execs others: `ip netns exec`, nsenter). */
export const TOOL_NAMES: readonly string[] = [
  'apk',
  'arp',
  'brctl',
  'bridge',
  'route',
  'ss',
  'apt',
  'apt-get',
  'awk',
  'cat',
  'cut',
  'busybox',
  'curl',
  'dnf',
  'docker',
  'echo',
  'explain',
  'false',
  'grep',
  'head',
  'env',
  'hostname',
  'httpd',
  'ifconfig',
  'ip',
  'iptables',
  'iptables-save',
  'iptables-restore',
  'ls',
  'mkdir',
  'netstat',
  'nslookup',
  'ping',
  'ps',
  'sed',
  'sleep',
  'sort',
  'sysctl',
  'tail',
  'true',
  'uniq',
  'wc',
  'wget',
  'yum',
  'nsenter',
  'ln',
  'tcpdump',
  'timeout',
  'traceroute',
  'uname',
  'whoami',
  'id',
  'printf',
  'nc',
  'conntrack',
];

/** What the default host (Debian 12 with docker.io and net-tools) has installed. */
export const HOST_PROGRAMS: readonly string[] = [
  'sh',
  'bash',
  'awk',
  'cat',
  'cut',
  'curl',
  'mkdir',
  'docker',
  'echo',
  'false',
  'grep',
  'head',
  'hostname',
  'ifconfig',
  'ip',
  'iptables',
  'nslookup',
  'ping',
  'sleep',
  'sort',
  'sysctl',
  'tail',
  'true',
  'uniq',
  'wc',
  'wget',
  'bridge',
  'brctl',
  'route',
  'netstat',
  'arp',
  'ss',
  'explain',
  'sed',
  'ls',
  'ps',
  'tcpdump',
  'timeout',
  'nsenter',
  'ln',
  'iptables-save',
  'iptables-restore',
  'uname',
  'whoami',
  'id',
  'printf',
  'conntrack',
];

/** Programs that only images ship (a host profile cannot list them). */
const IMAGE_PROGRAMS: readonly [string, ProgramSpec][] = ['nginx', 'docker-entrypoint.sh'].map((name) => [
  name,
  { kind: 'program', main: programMain(name), handlesStopSignal: true, inEveryContainer: false },
]);

/** vethlab's own tools, present in every container too. */
const EVERYWHERE: ReadonlySet<string> = new Set(['explain']);

/** The registry: how each installed name runs. */
export const PROGRAMS: ReadonlyMap<string, ProgramSpec> = new Map<string, ProgramSpec>([
  ...[...SHELLS].map((name): [string, ProgramSpec] => [name, { kind: 'shell' }]),
  ...TOOL_NAMES.map((name): [string, ProgramSpec] => [name, { kind: 'program', main: programMain(name), handlesStopSignal: false, inEveryContainer: EVERYWHERE.has(name) }]),
  ...IMAGE_PROGRAMS,
]);
