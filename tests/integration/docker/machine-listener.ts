/**
 * A TCP listener on this machine for the tests that prove a sandbox cannot reach it. It listens on
 * an address (TEST-NET-2, 198.51.100.0/24) of an interface the test adds (one end of a veth pair,
 * since not every kernel has the dummy driver): never a real outside address, and nothing leaves.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';

export interface MachineListener {
  address: string;
  port: number;
  /** Remote addresses of every connection it accepted. */
  connections: string[];
  /** Connect from the machine itself and return what the listener said (the target is real). */
  probeFromMachine(): Promise<string>;
  close(): void;
}

/** Add the veth pair, or say why not (needs root). */
export function addProbeLink(): { link: string; peer: string } | undefined {
  const link = `vlt${randomBytes(3).toString('hex')}`;
  const peer = `${link}p`;
  try {
    execFileSync('ip', ['link', 'add', link, 'type', 'veth', 'peer', 'name', peer], { stdio: 'ignore' });
    return { link, peer };
  } catch {
    return undefined;
  }
}

/** Listen on a fresh TEST-NET-2 address of `link`, answering every connection with `reply`. */
export async function startMachineListener(link: { link: string; peer: string }, reply: string): Promise<MachineListener> {
  const address = `198.51.100.${10 + Math.floor(Math.random() * 200)}`;
  execFileSync('ip', ['addr', 'add', `${address}/32`, 'dev', link.link]);
  execFileSync('ip', ['link', 'set', link.link, 'up']);
  execFileSync('ip', ['link', 'set', link.peer, 'up']);
  const connections: string[] = [];
  const server = net.createServer((socket) => {
    connections.push(socket.remoteAddress ?? '?');
    socket.end(reply);
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    address,
    port,
    connections,
    probeFromMachine: () =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, address);
        let data = '';
        socket.on('data', (chunk) => (data += chunk.toString()));
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      }),
    close() {
      server.close();
      try {
        execFileSync('ip', ['link', 'del', link.link], { stdio: 'ignore' });
      } catch {
        // gone already
      }
    },
  };
}
