/**
 * A node can have more than one terminal, each its own login shell in the same sandbox: the
 * node's first terminal is named after the node ("node1"), the others "node1/2" … "node1/4".
 * Sandbox.terminal, the session's scrollback and the browser simulator's journal all key
 * terminals by this name; node names never contain "/" (protocol.ts), so the two never mix.
 */

/** The most terminals a learner can open on one node. */
export const MAX_TERMINALS_PER_NODE = 4;

/** The name of terminal `shell` (1 = the node's first, the default) of `node`. */
export function terminalName(node: string, shell = 1): string {
  return shell === 1 ? node : `${node}/${shell}`;
}

/** The node and terminal number a terminal name stands for. */
export function parseTerminalName(name: string): { node: string; shell: number } {
  const slash = name.lastIndexOf('/');
  const shell = slash > 0 ? name.slice(slash + 1) : '';
  return /^[2-9]$/.test(shell) ? { node: name.slice(0, slash), shell: Number(shell) } : { node: name, shell: 1 };
}
