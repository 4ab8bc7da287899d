/**
 * The busybox multi-call binary itself: without arguments its help (banner, usage, the applets it
 * was built with), `--list` one applet a line, and `busybox APPLET ARGS` runs the applet as if
 * invoked by that name.
 */
import { BUSYBOX_APPLETS } from '../daemon/image-catalog.ts';
import { BUSYBOX_BANNER } from './busybox-usage.ts';
import { failWith, type Main } from './registry.ts';

const HELP = `BusyBox is copyrighted by many authors between 1998-2015.
Licensed under GPLv2. See source distribution for detailed
copyright notices.

Usage: busybox [function [arguments]...]
   or: busybox --list[-full]
   or: busybox --show SCRIPT
   or: busybox --install [-s] [DIR]
   or: function [arguments]...

\tBusyBox is a multi-call binary that combines many common Unix
\tutilities into a single executable.  Most people will create a
\tlink to busybox for each function they wish to use and BusyBox
\twill act like whatever it was invoked as.

Currently defined functions:
`;

/** The applet names, sorted as busybox's table is. */
function applets(): string[] {
  return BUSYBOX_APPLETS.filter((name) => name !== 'busybox').sort();
}

/** "name, name, ..." lines wrapped before 80 columns, each indented by a tab (as busybox_main does). */
function wrappedList(names: readonly string[]): string {
  const lines: string[] = [];
  let line = '';
  for (const [i, name] of names.entries()) {
    const item = i < names.length - 1 ? `${name},` : name;
    if (line !== '' && 8 + line.length + 1 + item.length > 78) {
      lines.push(`\t${line}`);
      line = item;
    } else line = line === '' ? item : `${line} ${item}`;
  }
  if (line !== '') lines.push(`\t${line}`);
  return lines.map((l) => `${l}\n`).join('');
}

/** The busybox program. */
export const busybox: Main = async (_p, ctx, exec) => {
  const [, first, ...rest] = ctx.argv;
  if (first === undefined || first === '--help') {
    ctx.io.stdout(`${BUSYBOX_BANNER}\n${HELP}${wrappedList(applets())}`);
    return 0;
  }
  if (first === '--list') {
    ctx.io.stdout(
      applets()
        .map((name) => `${name}\n`)
        .join(''),
    );
    return 0;
  }
  if (!applets().includes(first)) return failWith(ctx, `${first}: applet not found`, 127);
  return exec([first, ...rest], { ...ctx, argv: [first, ...rest] });
};
