/**
 * How each shell presents itself: bash on the Debian host (root@node1:~#), busybox ash
 * (/ # ), bash in CentOS ([root@id /]#) and Debian/Ubuntu (root@id:/#), dash as sh (# ).
 */
import type { OsFamily } from '../daemon/image-catalog.ts';
import type { ShellIdentity } from './program.ts';

/** The identity of shell `name` ("sh", "bash" …) on a system of family `os` with `hostname`. */
export function shellIdentity(os: OsFamily | 'host', name: string, hostname: () => string): ShellIdentity {
  const base = name.split('/').pop() ?? name;
  if (os === 'busybox' || os === 'alpine') {
    if (base === 'bash') return { name: 'bash', prompt: () => `${hostname()}:/# `, notFound: (c) => `bash: ${c}: command not found` };
    return { name: 'sh', prompt: () => '/ # ', notFound: (c) => `sh: ${c}: not found` };
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
