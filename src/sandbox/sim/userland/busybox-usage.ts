/**
 * What every busybox applet prints about itself: the multi-call binary's banner (the Docker Hub
 * image's busybox 1.36.1 build) and an applet's usage text under it.
 */

/** The first line of busybox's help and of every applet's usage. */
export const BUSYBOX_BANNER = 'BusyBox v1.36.1 (2023-07-17 18:29:09 UTC) multi-call binary.';

/** An applet's usage as bb_show_usage prints it: the banner, a blank line, "Usage: " and `text`. */
export function busyboxUsage(text: string): string {
  return `${BUSYBOX_BANNER}\n\nUsage: ${text}`;
}
