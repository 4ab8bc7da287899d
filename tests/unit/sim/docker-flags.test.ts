import { describe, expect, it } from 'vitest';
import { parseFlags, type FlagSpec } from '../../../src/sandbox/sim/userland/docker/flags.ts';

const SPECS: FlagSpec[] = [
  { name: 'detach', short: 'd', type: 'bool', usage: '' },
  { name: 'interactive', short: 'i', type: 'bool', usage: '' },
  { name: 'tty', short: 't', type: 'bool', usage: '' },
  { name: 'publish', short: 'p', type: 'list', usage: '' },
  { name: 'name', type: 'string', usage: '' },
  { name: 'time', type: 'int', usage: '', default: '10' },
  { name: 'restart', type: 'string', usage: '', default: 'no' },
];

function parsed(args: string[], interspersed = true) {
  const r = parseFlags(args, SPECS, interspersed);
  if (!r.ok) throw new Error(r.error);
  return r;
}

describe('docker flag parsing (pflag)', () => {
  it('bundles shorthands and takes attached, = and separate values', () => {
    const r = parsed(['-dit', '-p8080:80', '-p=53:53/udp', '-p', '80', '--name=web', 'busybox']);
    expect(['detach', 'interactive', 'tty'].map((n) => r.flags.bool(n))).toEqual([true, true, true]);
    expect(r.flags.list('publish')).toEqual(['8080:80', '53:53/udp', '80']);
    expect(r.flags.string('name')).toBe('web');
    expect(r.args).toEqual(['busybox']);
  });

  it('gives absent flags their declared defaults, and given ones their value', () => {
    const r = parsed(['--time', '3']);
    expect(r.flags.int('time')).toBe(3);
    expect(r.flags.string('restart')).toBe('no');
    expect(r.flags.has('restart')).toBe(false);
    expect(r.flags.string('name')).toBeUndefined();
  });

  it('stops at the first operand when not interspersed, and at --', () => {
    expect(parsed(['-d', 'busybox', 'ls', '-l'], false).args).toEqual(['busybox', 'ls', '-l']);
    expect(parsed(['--', '-d'], true).args).toEqual(['-d']);
  });

  it('asks for help with --help, and -h where no flag owns it', () => {
    expect(parsed(['--help']).help).toBe(true);
    expect(parsed(['-dh']).help).toBe(true);
  });

  it('words errors as pflag does', () => {
    const error = (args: string[]) => {
      const r = parseFlags(args, SPECS);
      return r.ok ? undefined : r.error;
    };
    expect(error(['--nope'])).toBe('unknown flag: --nope');
    expect(error(['-dz'])).toBe("unknown shorthand flag: 'z' in -dz");
    expect(error(['--name'])).toBe('flag needs an argument: --name');
    expect(error(['-p'])).toBe("flag needs an argument: 'p' in -p");
    expect(error(['--time', 'x'])).toBe('invalid argument "x" for "--time" flag: strconv.ParseInt: parsing "x": invalid syntax');
    expect(error(['-d=maybe'])).toBe('invalid argument "maybe" for "-d, --detach" flag: strconv.ParseBool: parsing "maybe": invalid syntax');
  });
});
