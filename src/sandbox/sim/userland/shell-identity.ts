/**
 * How each shell presents itself: bash on the Debian host (root@node1:~#), busybox ash
 * (/ # ), bash in CentOS ([root@id /]#) and Debian/Ubuntu (root@id:/#), dash as sh (# ).
 */
import type { OsFamily } from '../daemon/image-catalog.ts';
import type { ShellIdentity } from './program.ts';

/**
 * The course's busybox image is Debian's busybox-static 1.35.0 (images/build-busybox.sh), whose ash
 * greets an interactive start like this (seen on the Docker driver: `docker exec -it box1 sh`).
 */
const BUSYBOX_ASH_BANNER = "\n\nBusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) built-in shell (ash)\nEnter 'help' for a list of built-in commands.\n\n";

/** The identity of shell `name` ("sh", "bash" …) on a system of family `os` with `hostname`. */
export function shellIdentity(os: OsFamily | 'host', name: string, hostname: () => string): ShellIdentity {
  const base = name.split('/').pop() ?? name;
  if (os === 'busybox' || os === 'alpine') {
    if (base === 'bash') return { name: 'bash', prompt: () => `${hostname()}:/# `, notFound: (c) => `bash: ${c}: command not found` };
    return { name: 'sh', prompt: () => '/ # ', notFound: (c) => `sh: ${c}: not found`, ...(os === 'busybox' ? { banner: BUSYBOX_ASH_BANNER } : {}) };
  }
  if (os === 'host') {
    if (base === 'sh' || base === 'dash') return { name: 'sh', prompt: () => '# ', notFound: (c) => `sh: 1: ${c}: not found` };
    return { name: 'bash', prompt: () => `root@${hostname()}:~# `, notFound: (c) => `bash: ${c}: command not found` };
  }
  if (os === 'centos') {
    if (base === 'sh') return { name: 'bash', prompt: () => 'sh-4.4# ', notFound: (c) => `sh: ${c}: command not found` };
    return { name: 'bash', prompt: () => `[root@${hostname()} /]# `, notFound: (c) => `bash: ${c}: command not found` };
  }
  if (base === 'sh' || base === 'dash') return { name: 'sh', prompt: () => '# ', notFound: (c) => `sh: 1: ${c}: not found` };
  return { name: 'bash', prompt: () => `root@${hostname()}:/# `, notFound: (c) => `bash: ${c}: command not found` };
}
