/**
 * Every program the simulator implements, by the name it is installed under (the program
 * registry). Which of them a target actually has is decided by the image (or the host profile)
 * and what was installed. Adding a program is adding its module and one line here.
 */
import { awk } from './awk.ts';
import { cat } from './cat.ts';
import { busybox } from './busybox.ts';
import { cut } from './cut.ts';
import { dockerCli } from './docker/cli.ts';
import { echo } from './echo.ts';
import { explain } from './explain.ts';
import { falseProgram, trueProgram } from './exit-status.ts';
import { grep } from './grep.ts';
import { head, tail } from './head-tail.ts';
import { env } from './env.ts';
import { hostname } from './hostname.ts';
import { curl, wget } from './http-client.ts';
import { httpd, mkdir } from './httpd.ts';
import { netstat } from './netstat.ts';
import { dockerEntrypoint, nginx } from './nginx.ts';
import { nslookup } from './nslookup.ts';
import { ping } from './ping.ts';
import { ls } from './ls.ts';
import { ps } from './ps.ts';
import { ifconfig } from './ifconfig.ts';
import { ip } from './ip.ts';
import { iptables } from './iptables.ts';
import { iptablesRestore, iptablesSave } from './iptables-save.ts';
import { packageManager } from './package-manager.ts';
import type { Main, ProgramSpec } from './registry.ts';
import { sleep } from './sleep.ts';
import { sort } from './sort.ts';
import { uniq } from './uniq.ts';
import { sysctl } from './sysctl.ts';
import { wc } from './wc.ts';
import { arp } from './arp.ts';
import { bridge, brctl } from './brctl.ts';
import { route } from './route.ts';
import { sed } from './sed.ts';
import { ss } from './ss.ts';
import { tcpdump } from './tcpdump/tcpdump.ts';
import { timeout } from './timeout.ts';
import { traceroute } from './traceroute.ts';
import { nsenter } from './nsenter.ts';
import { ln } from './ln.ts';
import { id, uname, whoami } from './identity.ts';
import { printf } from './printf.ts';
import { nc } from './nc.ts';
import { conntrack } from './conntrack.ts';

/** Implementations by program name (a Tool, or a Main that execs others: `ip netns exec`, nsenter). */
export const TOOLS: ReadonlyMap<string, Main> = new Map<string, Main>([
  ['apk', packageManager],
  ['arp', arp],
  ['brctl', brctl],
  ['bridge', bridge],
  ['route', route],
  ['ss', ss],
  ['apt', packageManager],
  ['apt-get', packageManager],
  ['awk', awk],
  ['cat', cat],
  ['cut', cut],
  ['busybox', busybox],
  ['curl', curl],
  ['dnf', packageManager],
  // The docker CLI asks which programs are shells through its host, not by importing this module.
  ['docker', dockerCli({ isShell: (name) => SHELLS.has(name) })],
  ['echo', echo],
  ['explain', explain],
  ['false', falseProgram],
  ['grep', grep],
  ['head', head],
  ['env', env],
  ['hostname', hostname],
  ['httpd', httpd],
  ['ifconfig', ifconfig],
  ['ip', ip],
  ['iptables', iptables],
  ['iptables-save', iptablesSave],
  ['iptables-restore', iptablesRestore],
  ['ls', ls],
  ['mkdir', mkdir],
  ['netstat', netstat],
  ['nslookup', nslookup],
  ['ping', ping],
  ['ps', ps],
  ['sed', sed],
  ['sleep', sleep],
  ['sort', sort],
  ['sysctl', sysctl],
  ['tail', tail],
  ['true', trueProgram],
  ['uniq', uniq],
  ['wc', wc],
  ['wget', wget],
  ['yum', packageManager],
  ['nsenter', nsenter],
  ['ln', ln],
  ['tcpdump', tcpdump],
  ['timeout', timeout],
  ['traceroute', traceroute],
  ['uname', uname],
  ['whoami', whoami],
  ['id', id],
  ['printf', printf],
  ['nc', nc],
  ['conntrack', conntrack],
]);

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

/** Shell names; a shell path runs the shell program rather than a tool. */
export const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'ash', 'dash']);

/** Programs that only images ship (a host profile cannot list them). */
const IMAGE_PROGRAMS: readonly [string, ProgramSpec][] = [
  ['nginx', { kind: 'program', main: nginx, handlesStopSignal: true, inEveryContainer: false }],
  ['docker-entrypoint.sh', { kind: 'program', main: dockerEntrypoint, handlesStopSignal: true, inEveryContainer: false }],
];

/** vethlab's own tools, present in every container too. */
const EVERYWHERE: ReadonlySet<string> = new Set(['explain']);

/** The registry: how each installed name runs. */
export const PROGRAMS: ReadonlyMap<string, ProgramSpec> = new Map<string, ProgramSpec>([
  ...[...SHELLS].map((name): [string, ProgramSpec] => [name, { kind: 'shell' }]),
  ...[...TOOLS].map(([name, main]): [string, ProgramSpec] => [name, { kind: 'program', main, handlesStopSignal: false, inEveryContainer: EVERYWHERE.has(name) }]),
  ...IMAGE_PROGRAMS,
]);
