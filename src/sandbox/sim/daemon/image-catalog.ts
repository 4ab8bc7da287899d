/**
 * The images the simulated registry holds: what `docker run` needs (default command, exposed
 * ports, environment) and what the filesystem offers (which programs, which tool flavour, which
 * package manager). Sizes, ids and dates are those of the real images on Docker Hub.
 */
import { NGINX_IMAGE_FILES } from './nginx-image-files.ts';

/** Which implementation of the networking tools an image ships: busybox applets or GNU/Linux packages. */
export type Toolset = 'busybox' | 'gnu';

/** The distribution family, which decides prompts and the package manager. */
export type OsFamily = 'busybox' | 'alpine' | 'centos' | 'debian' | 'ubuntu';

/** A file an image ships, below the container's writable layer. */
export interface ImageFile {
  path: string;
  text: string;
  /** Modification time, ms since the epoch. */
  mtime: number;
}

/** An image as the daemon stores it. */
export interface Image {
  repository: string;
  tag: string;
  /** sha256 digest of the config, 64 hex. */
  id: string;
  created: string;
  /** Bytes, as `docker images` sizes them (decimal units). */
  size: number;
  entrypoint: string[] | null;
  cmd: string[];
  env: string[];
  exposedPorts: string[];
  workingDir: string;
  stopSignal?: string;
  os: OsFamily;
  toolset: Toolset;
  /** Programs on $PATH (bare names). */
  programs: readonly string[];
  /** Packages the image's package manager can install, with the programs each brings. */
  packages: Readonly<Record<string, readonly string[]>>;
  /** Files of its layers that programs read (nginx's web root); others are implicit. */
  files?: readonly ImageFile[];
  /** Layer ids, for pull output. */
  layers: readonly string[];
  digest: string;
}

/** The applets of the busybox binary the busybox-based images ship (what `busybox --list` prints). */
export const BUSYBOX_APPLETS: readonly string[] = [
  'sh',
  'ash',
  'awk',
  'cat',
  'echo',
  'env',
  'false',
  'grep',
  'head',
  'hostname',
  'httpd',
  'ifconfig',
  'ip',
  'ls',
  'nc',
  'netstat',
  'nslookup',
  'ping',
  'ps',
  'route',
  'sleep',
  'sort',
  'sysctl',
  'tail',
  'true',
  'uname',
  'wc',
  'wget',
  'arp',
  'traceroute',
  'printf',
  'date',
  'id',
  'whoami',
  'busybox',
  'mkdir',
  'sed',
  'cut',
  'timeout',
];

const GNU_BASE = [
  'sh',
  'bash',
  'mkdir',
  'awk',
  'cat',
  'echo',
  'env',
  'false',
  'grep',
  'head',
  'hostname',
  'ls',
  'sleep',
  'sort',
  'tail',
  'true',
  'uname',
  'wc',
  'printf',
  'date',
  'id',
  'whoami',
  'sed',
  'cut',
  'timeout',
];

const APT_PACKAGES: Record<string, readonly string[]> = {
  'net-tools': ['ifconfig', 'netstat', 'route', 'arp'],
  'iputils-ping': ['ping'],
  iproute2: ['ip'],
  dnsutils: ['nslookup', 'dig'],
  'bind9-dnsutils': ['nslookup', 'dig'],
  curl: ['curl'],
  wget: ['wget'],
  procps: ['ps', 'sysctl'],
  'netcat-openbsd': ['nc'],
  iptables: ['iptables'],
  tcpdump: ['tcpdump'],
};

const YUM_PACKAGES: Record<string, readonly string[]> = {
  'net-tools': ['ifconfig', 'netstat', 'route', 'arp'],
  iputils: ['ping'],
  iproute: ['ip'],
  'bind-utils': ['nslookup', 'dig'],
  wget: ['wget'],
  'procps-ng': ['ps', 'sysctl'],
  nc: ['nc'],
  iptables: ['iptables'],
  tcpdump: ['tcpdump'],
};

const APK_PACKAGES: Record<string, readonly string[]> = {
  curl: ['curl'],
  iproute2: ['ip'],
  'bind-tools': ['nslookup', 'dig'],
  iptables: ['iptables'],
  tcpdump: ['tcpdump'],
  bash: ['bash'],
};

/** The PATH Docker gives a container whose image sets none (and every image here sets this one). */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const PATH_ENV = `PATH=${DEFAULT_PATH}`;

/** Every image the simulated registry (Docker Hub) serves. */
export const IMAGE_CATALOG: readonly Image[] = [
  {
    repository: 'busybox',
    tag: 'latest',
    id: 'a416a98b71e224a31ee99cff8e16063554498227d2b696152a9c3e0aa65e5824',
    created: '2023-07-18T23:19:33.655005962Z',
    size: 4_261_550,
    entrypoint: null,
    cmd: ['sh'],
    // The course's busybox (images/build-busybox.sh) sets no ENV: Config.Env holds only -e values,
    // and the process still gets PATH from the daemon (container-runtime.ts).
    env: [],
    exposedPorts: [],
    workingDir: '',
    os: 'busybox',
    toolset: 'busybox',
    programs: BUSYBOX_APPLETS,
    packages: {},
    layers: ['3f4d90098f5b'],
    digest: 'sha256:3fbc632167424a6d997e74f52b878d7cc478225cffac6bc977eedfe51c7f4e79',
  },
  {
    repository: 'alpine',
    tag: 'latest',
    id: 'c1aabb73d2339c5ebaa3681de2e9d9c18d57485045a4e311d9f8004bec208d67',
    created: '2023-08-07T20:09:42.064000000Z',
    size: 7_331_239,
    entrypoint: null,
    cmd: ['/bin/sh'],
    env: [PATH_ENV],
    exposedPorts: [],
    workingDir: '',
    os: 'alpine',
    toolset: 'busybox',
    programs: [...BUSYBOX_APPLETS, 'apk'],
    packages: APK_PACKAGES,
    layers: ['7264a8db6415'],
    digest: 'sha256:7144f7bab3d4c2648d7e59409f15ec52a18006a128c733fcff20d3a4a54ba44a',
  },
  {
    repository: 'nginx',
    tag: 'latest',
    id: '605c77e624ddb75e6110f997c58876baa13f8754486b461117934b24a9dc3a85',
    created: '2021-12-29T19:28:29.892199479Z',
    size: 141_479_488,
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    env: [PATH_ENV, 'NGINX_VERSION=1.21.5', 'NJS_VERSION=0.7.1', 'PKG_RELEASE=1~bullseye'],
    exposedPorts: ['80/tcp'],
    workingDir: '',
    stopSignal: 'SIGQUIT',
    os: 'debian',
    toolset: 'gnu',
    programs: [...GNU_BASE, 'curl', 'nginx', 'docker-entrypoint.sh', 'apt-get', 'apt'],
    packages: APT_PACKAGES,
    files: NGINX_IMAGE_FILES,
    layers: ['a2abf6c4d29d', 'a9edb18cadd1', '589b7251471a', '186b1aaa4aa6', 'b4df32aa5a72', 'a0bcbecc962e'],
    digest: 'sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31',
  },
  {
    repository: 'ubuntu',
    tag: 'latest',
    id: 'ba6acccedd2923aee4c2acc6a23780b14ed4b8a5fa4e14e252a23b846df9b6c1',
    created: '2021-10-16T00:37:47.578710012Z',
    size: 72_776_513,
    entrypoint: null,
    cmd: ['bash'],
    env: [PATH_ENV],
    exposedPorts: [],
    workingDir: '',
    os: 'ubuntu',
    toolset: 'gnu',
    programs: [...GNU_BASE, 'apt-get', 'apt'],
    packages: APT_PACKAGES,
    layers: ['7b1a6ab2e44d'],
    digest: 'sha256:626ffe58f6e7566e00254b638eb7e0f3b11d4da9675088f4781a50ae288f3322',
  },
  {
    repository: 'centos',
    tag: 'latest',
    id: '5d0da3dc976460b72c77d94c8a1ad043720b0416bfc16c52c45d4847e53fadb6',
    created: '2021-09-15T18:20:05.184694267Z',
    size: 231_268_856,
    entrypoint: null,
    cmd: ['/bin/bash'],
    env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    exposedPorts: [],
    workingDir: '',
    os: 'centos',
    toolset: 'gnu',
    programs: [...GNU_BASE, 'curl', 'yum', 'dnf', 'sysctl', 'ps'],
    packages: YUM_PACKAGES,
    layers: ['a1d0c7532777'],
    digest: 'sha256:a27fd8080b517143cbbbab9dfb7c8571c40d67d534bbdee55bd6c473f432b177',
  },
];

/** Split "name[:tag]" (a leading docker.io/library/ is ignored) into repository and tag. */
export function parseImageRef(ref: string): { repository: string; tag: string } {
  const bare = ref.replace(/^docker\.io\//, '').replace(/^library\//, '');
  const colon = bare.lastIndexOf(':');
  if (colon > 0 && !bare.slice(colon).includes('/')) return { repository: bare.slice(0, colon), tag: bare.slice(colon + 1) };
  return { repository: bare, tag: 'latest' };
}

/** The registry's image for a reference, if it has one. */
export function findInCatalog(ref: string): Image | undefined {
  const { repository, tag } = parseImageRef(ref);
  return IMAGE_CATALOG.find((i) => i.repository === repository && i.tag === tag);
}
