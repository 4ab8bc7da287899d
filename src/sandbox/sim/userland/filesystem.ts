/**
 * The files programs can read, computed from the model: /etc/hosts, /etc/resolv.conf and
 * /etc/hostname as Docker writes them, /proc/sys from sysctl, /etc/os-release per image. Writes
 * to /proc/sys change sysctls; other writes land in the container's layer (or the host's disk),
 * stamped with the simulation clock; below a container's layer lie the files its image ships.
 */
import { findContainer, type Container } from '../daemon/container.ts';
import { containerEtcHosts, hostModeEtcHosts } from '../daemon/etchosts.ts';
import { copiedResolvConf, embeddedResolvConf } from '../daemon/resolvconf.ts';
import type { ImageFile } from '../daemon/image-catalog.ts';
import { usesEmbeddedDns } from '../daemon/resolver.ts';
import { namespaceDirEntries } from './netns-paths.ts';
import { procHostname, type Proc } from './proc.ts';
import { procNetFile } from './procfs-net.ts';
import { sysfsEntry } from './sysfs.ts';

/** Result of reading a path. */
export type ReadResult = { ok: true; text: string } | { ok: false; error: 'ENOENT' | 'EISDIR' | 'EINVAL' };

const OS_RELEASE: Record<string, string> = {
  host: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n',
  debian:
    'PRETTY_NAME="Debian GNU/Linux 11 (bullseye)"\nNAME="Debian GNU/Linux"\nVERSION_ID="11"\nVERSION="11 (bullseye)"\nVERSION_CODENAME=bullseye\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n',
  ubuntu:
    'NAME="Ubuntu"\nVERSION="20.04.3 LTS (Focal Fossa)"\nID=ubuntu\nID_LIKE=debian\nPRETTY_NAME="Ubuntu 20.04.3 LTS"\nVERSION_ID="20.04"\nHOME_URL="https://www.ubuntu.com/"\nSUPPORT_URL="https://help.ubuntu.com/"\nBUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\nPRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"\nVERSION_CODENAME=focal\nUBUNTU_CODENAME=focal\n',
  centos:
    'NAME="CentOS Linux"\nVERSION="8"\nID="centos"\nID_LIKE="rhel fedora"\nVERSION_ID="8"\nPLATFORM_ID="platform:el8"\nPRETTY_NAME="CentOS Linux 8"\nANSI_COLOR="0;31"\nCPE_NAME="cpe:/o:centos:centos:8"\nHOME_URL="https://centos.org/"\nBUG_REPORT_URL="https://bugs.centos.org/"\nCENTOS_MANTISBT_PROJECT="CentOS-8"\nCENTOS_MANTISBT_PROJECT_VERSION="8"\n',
  alpine:
    'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.18.3\nPRETTY_NAME="Alpine Linux v3.18"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n',
};

const DIRECTORIES = new Set(['/', '/etc', '/proc', '/proc/sys', '/proc/sys/net', '/proc/sys/net/ipv4', '/proc/sys/kernel', '/root', '/tmp', '/bin', '/usr', '/var']);

/** The container whose files a process sees for network config (the netns owner for container: mode). */
function configOwner(p: Proc): Container | undefined {
  const c = p.container;
  if (!c) return undefined;
  const mode = c.config.networkMode;
  if (mode.startsWith('container:')) return findContainer(p.daemon.containers, mode.slice('container:'.length)) ?? c;
  return c;
}

/** Normalise a path: absolute, no duplicate slashes, no trailing slash. */
export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

/** The file map a host path lives in: a shared folder's, or the host's own. */
function hostFiles(p: Proc, path: string): Map<string, string> {
  const shared = p.node.shared;
  if (shared?.paths.some((d) => path.startsWith(d + '/'))) return shared.files;
  return p.node.files;
}

/** The file the container's image ships at `path`, under the writable layer. */
function imageFile(p: Proc, path: string): ImageFile | undefined {
  return p.container?.config.image.files?.find((f) => f.path === path);
}

/** When the file at `rawPath` was last modified (ms), for files with a known time: the container's layer and its image's files. */
export function fileMtime(p: Proc, rawPath: string): number | undefined {
  const path = normalizePath(rawPath);
  if (!p.container) return undefined;
  if (p.container.files.has(path)) return p.container.fileTimes.get(path);
  return imageFile(p, path)?.mtime;
}

/** Read a file as the process sees it. */
export function readFile(p: Proc, rawPath: string): ReadResult {
  const path = normalizePath(rawPath);
  if (DIRECTORIES.has(path) || (!p.container && p.node.shared?.paths.includes(path))) return { ok: false, error: 'EISDIR' };
  const sys = sysfsEntry(p.netns, path);
  if (sys !== 'outside') {
    if (!sys) return { ok: false, error: 'ENOENT' };
    return sys.kind === 'dir' ? { ok: false, error: 'EISDIR' } : { ok: true, text: sys.text };
  }
  const overlay = p.container ? p.container.files : hostFiles(p, path);
  const own = overlay.get(path);
  if (own !== undefined) return { ok: true, text: own };
  const shipped = imageFile(p, path);
  if (shipped) return { ok: true, text: shipped.text };
  const procNet = procNetFile(p.netns, path);
  if (procNet !== undefined) return { ok: true, text: procNet };
  if (path.startsWith('/proc/sys/')) {
    if (path === '/proc/sys/kernel/hostname') return { ok: true, text: procHostname(p) + '\n' };
    const v = p.netns.sysctl.get(path);
    return v === undefined ? { ok: false, error: 'ENOENT' } : { ok: true, text: v + '\n' };
  }
  const hostNet = !p.container || p.container.config.networkMode === 'host';
  switch (path) {
    case '/etc/hostname':
      return { ok: true, text: procHostname(p) + '\n' };
    case '/etc/hosts': {
      const owner = configOwner(p);
      const hostModeFile = owner && hostNet ? hostModeEtcHosts(owner) : undefined;
      if (hostModeFile !== undefined) return { ok: true, text: hostModeFile };
      if (hostNet || !owner) return { ok: true, text: p.node.files.get('/etc/hosts') ?? '' };
      return { ok: true, text: containerEtcHosts(owner) };
    }
    case '/etc/resolv.conf': {
      const host = p.node.files.get('/etc/resolv.conf') ?? '';
      const owner = configOwner(p);
      if (hostNet || !owner) return { ok: true, text: host };
      return { ok: true, text: usesEmbeddedDns(owner) ? embeddedResolvConf(host, owner.config) : copiedResolvConf(host, owner.config) };
    }
    case '/etc/os-release':
    case '/usr/lib/os-release': {
      const text = OS_RELEASE[p.os];
      return text ? { ok: true, text } : { ok: false, error: 'ENOENT' };
    }
  }
  return { ok: false, error: 'ENOENT' };
}

/** Write a file; /proc/sys writes set sysctls (EINVAL for bad values), others are stored. */
export function writeFile(p: Proc, rawPath: string, text: string): { ok: true } | { ok: false; error: 'ENOENT' | 'EISDIR' | 'EINVAL' | 'EROFS' } {
  const path = normalizePath(rawPath);
  if (DIRECTORIES.has(path)) return { ok: false, error: 'EISDIR' };
  // sysfs: Docker mounts it read-only in containers; the attributes here are read-only anyway.
  const sys = sysfsEntry(p.netns, path);
  if (sys !== 'outside') return sys?.kind === 'dir' ? { ok: false, error: 'EISDIR' } : { ok: false, error: 'EROFS' };
  if (path.startsWith('/proc/sys/')) {
    // Containers mount /proc/sys read-only (unless privileged).
    if (p.container && p.container.config.networkMode !== 'host' && !path.startsWith('/proc/sys/net/')) return { ok: false, error: 'EROFS' };
    if (p.container) return { ok: false, error: 'EROFS' };
    const r = p.netns.sysctl.set(path, text);
    return r === 'ok' ? { ok: true } : { ok: false, error: r === 'unknown' ? 'ENOENT' : 'EINVAL' };
  }
  if (!p.container && p.node.shared?.paths.includes(path)) return { ok: false, error: 'EISDIR' };
  if (p.container) {
    p.container.files.set(path, text);
    p.container.fileTimes.set(path, p.daemon.clock.now());
  } else hostFiles(p, path).set(path, text);
  return { ok: true };
}

/** Top-level directories of each kind of root filesystem. */
const ROOT_DIRS: Readonly<Record<string, readonly string[]>> = {
  busybox: ['bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'],
  alpine: ['bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
  gnu: ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
};

/** Result of listing a path. */
export type ListResult = { ok: true; entries: string[] } | { ok: false; error: 'ENOENT' | 'ENOTDIR' };

/** The entries of directory `rawPath` as the process sees it (no . and ..), sorted by name. */
export function listDir(p: Proc, rawPath: string): ListResult {
  const path = normalizePath(rawPath);
  const namespaces = p.container ? undefined : namespaceDirEntries(p, path);
  if (namespaces) return { ok: true, entries: namespaces.sort() };
  const sys = sysfsEntry(p.netns, path);
  if (sys !== 'outside') {
    if (!sys) return { ok: false, error: 'ENOENT' };
    return sys.kind === 'dir' ? { ok: true, entries: [...sys.entries].sort() } : { ok: false, error: 'ENOTDIR' };
  }
  const names = new Set<string>();
  let dir = DIRECTORIES.has(path);
  const add = (full: string) => {
    if (full === path) return;
    const prefix = path === '/' ? '/' : `${path}/`;
    if (!full.startsWith(prefix)) return;
    const [child = ''] = full.slice(prefix.length).split('/');
    names.add(child);
    dir = true;
  };
  if (path === '/') {
    dir = true;
    for (const n of ROOT_DIRS[p.os === 'busybox' || p.os === 'alpine' ? p.os : 'gnu'] ?? []) names.add(n);
  }
  if (path === '/etc') for (const f of ['hostname', 'hosts', 'resolv.conf', ...(OS_RELEASE[p.os] ? ['os-release'] : [])]) names.add(f);
  if (path === '/bin') {
    const programs = p.container ? [...p.container.config.image.programs, ...p.container.installed] : [...p.node.programs];
    for (const n of programs) names.add(n);
  }
  // /proc/sys mirrors the sysctl keys (net.ipv4.ip_forward is /proc/sys/net/ipv4/ip_forward).
  for (const key of ['kernel.hostname', ...p.netns.sysctl.keys()]) add(`/proc/sys/${key.replace(/\./g, '/')}`);
  const files = p.container
    ? [...p.container.files.keys(), ...(p.container.config.image.files ?? []).map((f) => f.path)]
    : [...p.node.files.keys(), ...(p.node.shared ? [...p.node.shared.paths, ...p.node.shared.files.keys()] : [])];
  for (const f of files) {
    if (f === path && !(p.node.shared?.paths.includes(f) && !p.container)) return { ok: false, error: 'ENOTDIR' };
    add(f);
  }
  if (!p.container && p.node.shared?.paths.includes(path)) dir = true;
  if (!dir) return readFile(p, path).ok ? { ok: false, error: 'ENOTDIR' } : { ok: false, error: 'ENOENT' };
  return { ok: true, entries: [...names].sort() };
}
