/**
 * Error numbers the kernel's configuration calls answer with (<errno.h>), and the strerror()
 * text tools print after "RTNETLINK answers: ". Kernel operations return them as values.
 */

/** The errors rtnetlink operations can answer with. */
export type Errno = 'EEXIST' | 'ENOENT' | 'ESRCH' | 'ENODEV' | 'EINVAL' | 'EOPNOTSUPP' | 'EBUSY' | 'ENETUNREACH' | 'EADDRNOTAVAIL' | 'ENETDOWN' | 'EPERM';

const MESSAGES: Record<Errno, string> = {
  EEXIST: 'File exists',
  ENOENT: 'No such file or directory',
  ESRCH: 'No such process',
  ENODEV: 'No such device',
  EINVAL: 'Invalid argument',
  EOPNOTSUPP: 'Operation not supported',
  EBUSY: 'Device or resource busy',
  ENETUNREACH: 'Network is unreachable',
  EADDRNOTAVAIL: 'Cannot assign requested address',
  ENETDOWN: 'Network is down',
  EPERM: 'Operation not permitted',
};

/** strerror(3): the message for an error number. */
export function strerror(errno: Errno): string {
  return MESSAGES[errno];
}
