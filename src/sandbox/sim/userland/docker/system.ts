/** docker version and docker info, as Debian 12's docker.io (20.10.24) reports them. */
import { stateString } from '../../daemon/container.ts';
import type { Proc } from '../proc.ts';
import type { DockerCall } from './command.ts';
import { renderTemplate } from './go-template.ts';
import { swarmInfo } from './swarm.ts';
import { VERSION } from './version.ts';

/** docker version. */
export async function versionCommand({ ctx, flags }: DockerCall): Promise<number> {
  const format = flags.string('format');
  if (format?.includes('.Server.Version') || format?.includes('.Client.Version')) {
    ctx.io.stdout(VERSION + '\n');
    return 0;
  }
  ctx.io.stdout(
    [
      'Client:',
      ` Version:           ${VERSION}`,
      ' API version:       1.41',
      ' Go version:        go1.19.8',
      ' Git commit:        297e128',
      ' Built:             Thu May 18 08:38:34 2023',
      ' OS/Arch:           linux/amd64',
      ' Context:           default',
      ' Experimental:      true',
      '',
      'Server:',
      ' Engine:',
      `  Version:          ${VERSION}`,
      '  API version:      1.41 (minimum version 1.12)',
      '  Go version:       go1.19.8',
      '  Git commit:       5d6db84',
      '  Built:            Thu May 18 08:38:34 2023',
      '  OS/Arch:          linux/amd64',
      '  Experimental:     false',
      ' containerd:',
      '  Version:          1.6.20~ds1',
      '  GitCommit:        1.6.20~ds1-1+b1',
      ' runc:',
      '  Version:          1.1.5+ds1',
      '  GitCommit:        1.1.5+ds1-1+deb12u1',
      ' docker-init:',
      '  Version:          0.19.0',
      '  GitCommit:        ',
    ].join('\n') + '\n',
  );
  return 0;
}

/** How many containers are in state `s` (running, paused, exited, created). */
function inState(p: Proc, s: string): number {
  return p.daemon.containers.filter((c) => stateString(c) === s).length;
}

/** The Info object of the API, as `docker info --format` sees it. */
function infoObject(p: Proc, swarm: Record<string, unknown>): Record<string, unknown> {
  const cs = p.daemon.containers;
  const count = (s: string) => inState(p, s);
  return {
    Containers: cs.length,
    ContainersRunning: count('running'),
    ContainersPaused: count('paused'),
    ContainersStopped: cs.length - count('running') - count('paused'),
    Images: p.daemon.images.length,
    Driver: 'overlay2',
    KernelVersion: p.kernel.init.sysctl.get('kernel.osrelease') ?? '',
    OperatingSystem: 'Debian GNU/Linux 12 (bookworm)',
    OSType: 'linux',
    Architecture: 'x86_64',
    NCPU: 2,
    Name: p.kernel.hostname,
    ServerVersion: VERSION,
    Swarm: swarm,
  };
}

/** The lines `docker info` prints. */
function infoLines(p: Proc, swarmLines: readonly string[]): string[] {
  const cs = p.daemon.containers;
  const count = (s: string) => inState(p, s);
  return [
    'Client:',
    ' Context:    default',
    ' Debug Mode: false',
    '',
    'Server:',
    ` Containers: ${cs.length}`,
    `  Running: ${count('running')}`,
    `  Paused: ${count('paused')}`,
    `  Stopped: ${cs.length - count('running') - count('paused')}`,
    ` Images: ${p.daemon.images.length}`,
    ` Server Version: ${VERSION}`,
    ' Storage Driver: overlay2',
    '  Backing Filesystem: extfs',
    '  Supports d_type: true',
    '  Native Overlay Diff: true',
    '  userxattr: false',
    ' Logging Driver: json-file',
    ' Cgroup Driver: systemd',
    ' Cgroup Version: 2',
    ' Plugins:',
    '  Volume: local',
    '  Network: bridge host ipvlan macvlan null overlay',
    '  Log: awslogs fluentd gcplogs gelf journald json-file local logentries splunk syslog',
    ...swarmLines,
    ' Runtimes: io.containerd.runc.v2 io.containerd.runtime.v1.linux runc',
    ' Default Runtime: runc',
    ' Init Binary: docker-init',
    ' Security Options:',
    '  apparmor',
    '  seccomp',
    '   Profile: default',
    '  cgroupns',
    ` Kernel Version: ${p.kernel.init.sysctl.get('kernel.osrelease') ?? ''}`,
    ' Operating System: Debian GNU/Linux 12 (bookworm)',
    ' OSType: linux',
    ' Architecture: x86_64',
    ' CPUs: 2',
    ' Total Memory: 1.921GiB',
    ` Name: ${p.kernel.hostname}`,
    ' Docker Root Dir: /var/lib/docker',
    ' Debug Mode: false',
    ' Registry: https://index.docker.io/v1/',
    ' Experimental: false',
    ' Insecure Registries:',
    '  127.0.0.0/8',
    ' Live Restore Enabled: false',
    '',
  ];
}

/** docker info (the parts lessons look at); --format sees the API's Info object. */
export async function infoCommand({ p, ctx, flags }: DockerCall): Promise<number> {
  const swarm = swarmInfo(p);
  const format = flags.string('format');
  if (format !== undefined && format !== '') {
    const r = renderTemplate(format.replace(/\\t/g, '\t').replace(/\\n/g, '\n'), infoObject(p, swarm.object));
    if (!r.ok) {
      ctx.io.stderr(`${r.error}\n`);
      return 1;
    }
    ctx.io.stdout(r.text + '\n');
    return 0;
  }
  ctx.io.stdout(infoLines(p, swarm.lines).join('\n'));
  return 0;
}
