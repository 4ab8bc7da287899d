/**
 * The labels on every container and network the Docker driver creates. They are how the driver
 * finds its own things again: orphans after a crash, expired sandboxes, one sandbox's hosts.
 */

export const LABEL = {
  /** Always `docker`: the mark of everything this driver created. */
  driver: 'vethlab.driver',
  /** The server that owns it (DockerDriverOptions.owner). */
  owner: 'vethlab.owner',
  /** The sandbox (one session's group of hosts and its private network). */
  sandbox: 'vethlab.sandbox',
  /** The host's node name: node1, node2. */
  node: 'vethlab.node',
  /** Profile the sandbox was made for. */
  profile: 'vethlab.profile',
  /** Unix seconds after which anyone may remove it, even a server that never saw it. */
  expires: 'vethlab.expires',
} as const;

export const DRIVER_LABEL_VALUE = 'docker';

/** The engine's `filters` query parameter selecting things with all of `labels`. */
export function labelFilter(labels: Record<string, string | undefined>): string {
  const label = Object.entries(labels).map(([key, value]) => (value === undefined ? key : `${key}=${value}`));
  return encodeURIComponent(JSON.stringify({ label }));
}

/** Unix seconds, as the expiry label holds them. */
export function unixSeconds(ms: number): string {
  return String(Math.ceil(ms / 1000));
}
