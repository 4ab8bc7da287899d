/**
 * The implementations of every program the simulator has, by the name it is installed under: the
 * heavy half of the simulator (the docker CLI, tcpdump, ip …). programs.ts holds the names and traits
 * and reaches these through program-source.ts, so the browser's worker can load this module after
 * the first prompt (src/sandbox/worker/lazy-program-source.ts); dockerd's start (bootDaemon) comes
 * with them. Adding a program is adding its
 * module, one line here and its name in programs.ts.
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
import type { Main } from './registry.ts';

// The docker CLI's Tab completion reads its command table, which lives here with the CLI.
export { completeDocker, dockerCommandWords } from './docker/complete.ts';
// dockerd's start comes with the CLI that drives it: the worker starts its daemons once this module is here.
export { bootDaemon } from '../daemon/daemon.ts';
import { SHELLS } from './shells.ts';

/** Implementations by program name (a Tool, or a Main that execs others: `ip netns exec`, nsenter), image programs included. */
export const PROGRAM_MAINS: ReadonlyMap<string, Main> = new Map<string, Main>([
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
  // Programs that only images ship.
  ['nginx', nginx],
  ['docker-entrypoint.sh', dockerEntrypoint],
]);
