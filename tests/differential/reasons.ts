/**
 * Reasons for divergences between the drivers, for new entries of known-divergences.json
 * (`report.ts --write-known`). Each rule recognises one cause that was looked into, from the command
 * and the two outputs; what no rule explains is written as TODO and must be looked at by hand.
 */
import { readKnown } from '../fidelity/compare.ts';
import type { DriverDivergence } from './differential.ts';

interface ReasonRule {
  applies(d: DriverDivergence, sim: string, docker: string): boolean;
  reason: string;
}

const RULES: readonly ReasonRule[] = [
  {
    applies: (d, sim, docker) => /network inspect/.test(d.cmd) && /"Gateway": "172\.17\.0\.1"|"Gateway":"172\.17\.0\.1"/.test(sim) && !/"Gateway": ?"172\.17\.0\.1"/.test(docker),
    reason:
      "Docker driver: the sandbox host's inner dockerd starts for the first time on a /var/lib/docker without a network store (the seed excludes it), and Docker 20.10 shows the default bridge's IPAM Gateway only from its second start (tests/fidelity/README.md, surprises); the learner's VM has started its daemon before",
  },
  {
    applies: (d) => /\byum\b/.test(d.cmd),
    reason:
      "course image: the Docker driver's centos image is a busybox-based stand-in whose yum (el7 output) offers net-tools only (images/sandbox-host/course-images.sh); the simulator models CentOS 8's dnf-style yum and its iproute",
  },
  {
    applies: (d) => /--ip 172\.17\.0\.\d+ (busybox|--name)/.test(d.cmd) || /^docker rm pinned$/.test(d.cmd),
    reason:
      'kept on purpose in the simulator (tests/fidelity/known-divergences.json, run-errors #25): the 20.10 CLI ignores --ip without --network, but lesson 4-1 teaches a refusal; the lesson needs `--network bridge --ip` first',
  },
  {
    applies: (d) => /--domainname/.test(d.cmd),
    reason:
      "Docker driver: runc in the sandbox host's user namespace cannot set a container's NIS domain name (`--domainname`), so the container does not start (OCI runtime error, exit 126); the learner's VM can",
  },
];

/** A reason for `d`, or TODO when no rule knows it. */
export function reasonFor(d: DriverDivergence): string {
  const sim = d.sim?.output ?? '';
  const docker = d.docker?.output ?? '';
  if (d.recording === 'matches-docker') {
    const scenario = d.input.replace(/^fidelity\//, '');
    const note = readKnown().find((k) => k.scenario === scenario && k.index === d.index)?.note;
    return `simulator: the real engine's recording agrees with the Docker driver here${note !== undefined ? ` (tests/fidelity/known-divergences.json: ${note})` : ''}`;
  }
  return RULES.find((rule) => rule.applies(d, sim, docker))?.reason ?? 'TODO';
}
