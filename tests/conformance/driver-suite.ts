/**
 * What every sandbox driver must do, written against the Driver interface (src/sandbox/driver.ts)
 * and the protocol (src/sandbox/protocol.ts) only, so a new driver passes the same tests as the
 * simulator and the Docker driver. Run it with `describeDriverConformance(name, start)`:
 * tests/conformance/simulator.test.ts (unit tests) and tests/integration/docker/conformance.test.ts
 * (when a Docker engine answers).
 */
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { UnknownProfileError, type Driver, type Sandbox } from '../../src/sandbox/driver.ts';
import type { ServerControl } from '../../src/sandbox/protocol.ts';
import { startSandboxEndpoint, type SandboxEndpoint } from '../support/sandbox-endpoint.ts';
import { until } from '../support/until.ts';
import { SetupFailedError } from '../../src/sandbox/setup.ts';

export interface ConformanceOptions {
  /** Per test; a real backend starts containers. */
  timeoutMs?: number;
  /** Skip everything, saying why (no engine here). */
  skip?: string | undefined;
}

/** A protocol client on one terminal: control messages and the terminal's text. */
class TerminalClient {
  readonly controls: ServerControl[] = [];
  text = '';
  readonly closed: Promise<number>;
  private readonly ws: WebSocket;

  constructor(url: string) {
    this.ws = new WebSocket(url);
    this.ws.on('message', (data: Buffer, isBinary) => {
      if (isBinary) this.text += data.toString('utf8');
      else this.controls.push(JSON.parse(data.toString('utf8')) as ServerControl);
    });
    this.ws.on('error', () => {});
    this.closed = new Promise((resolve) => this.ws.on('close', (code) => resolve(code)));
  }

  async send(message: Record<string, unknown>): Promise<void> {
    if (this.ws.readyState !== WebSocket.OPEN) await once(this.ws, 'open');
    this.ws.send(JSON.stringify(message));
  }

  type(keys: string): void {
    this.ws.send(Buffer.from(keys), { binary: true });
  }

  readies(): Extract<ServerControl, { type: 'ready' }>[] {
    return this.controls.filter((m): m is Extract<ServerControl, { type: 'ready' }> => m.type === 'ready');
  }

  close(): void {
    this.ws.close();
  }
}

/** The conformance tests for the driver `start` makes (a fresh one per describe block). */
export function describeDriverConformance(name: string, start: () => Driver | Promise<Driver>, options: ConformanceOptions = {}): void {
  const timeout = options.timeoutMs ?? 20_000;
  describe.skipIf(options.skip !== undefined)(`driver conformance: ${name}`, { timeout }, () => {
    describe('the Driver interface', () => {
      let driver: Driver;
      const open: Sandbox[] = [];
      beforeAll(async () => {
        driver = await start();
      }, timeout);
      afterAll(async () => {
        await Promise.all(open.map((sandbox) => sandbox.close()));
        await driver?.close();
      }, timeout);
      const create = async (profile?: string) => {
        const sandbox = await driver.create(profile === undefined ? {} : { profile });
        open.push(sandbox);
        return sandbox;
      };

      it('creates a sandbox of the default profile: node1, whose hidden exec answers', async () => {
        const sandbox = await create();
        expect(sandbox.nodes[0]).toBe('node1');
        expect(await sandbox.exec('echo ok')).toEqual({ exit: 0, output: 'ok\n' });
      });

      it('runs exec as sh -c: exit status, stdout and stderr in order', async () => {
        const sandbox = await create();
        expect(await sandbox.exec('exit 3')).toEqual({ exit: 3, output: '' });
        expect(await sandbox.exec('echo out; echo err >&2; false')).toEqual({ exit: 1, output: 'out\nerr\n' });
      });

      it('gives each node its own hosts in the two-node profile, each knowing the other by name', async () => {
        const sandbox = await create('two-nodes');
        expect([...sandbox.nodes]).toEqual(['node1', 'node2']);
        expect(await sandbox.exec('hostname', { node: 'node2' })).toEqual({ exit: 0, output: 'node2\n' });
        expect((await sandbox.exec('ping -c 1 node2', { node: 'node1' })).exit).toBe(0);
      });

      it("builds a broken lab's host profile and runs its setup hidden, on the named node", async () => {
        const sandbox = await driver.create({ profile: 'two-nodes.lab.conformance', setup: [{ run: 'echo set > /tmp/lab-step' }, { node: 'node2', run: 'hostname > /tmp/lab-step' }] });
        open.push(sandbox);
        expect([...sandbox.nodes]).toEqual(['node1', 'node2']);
        expect(await sandbox.exec('cat /tmp/lab-step')).toEqual({ exit: 0, output: 'set\n' });
        expect(await sandbox.exec('cat /tmp/lab-step', { node: 'node2' })).toEqual({ exit: 0, output: 'node2\n' });
        await expect(driver.create({ setup: [{ run: 'exit 7' }] })).rejects.toBeInstanceOf(SetupFailedError);
      });

      it('refuses an unknown profile with UnknownProfileError', async () => {
        await expect(driver.create({ profile: 'three-nodes' })).rejects.toBeInstanceOf(UnknownProfileError);
      });

      it('serves a terminal: the same stream each time, keys in, a shell answering out', async () => {
        const sandbox = await create();
        const terminal = sandbox.terminal('node1');
        expect(sandbox.terminal('node1')).toBe(terminal);
        let text = '';
        const decoder = new TextDecoder();
        const stop = terminal.onData((bytes) => (text += decoder.decode(bytes, { stream: true })));
        terminal.resize(100, 30);
        // The echo of the typed line shows the quotes; only the shell's output has the word whole.
        terminal.write(new TextEncoder().encode('echo con""form\r'));
        await until(() => text.includes('conform'), timeout / 2, 'the command output');
        stop();
      });

      it('closes idempotently', async () => {
        const sandbox = await driver.create();
        await sandbox.close();
        await sandbox.close();
      });
    });

    describe('the protocol on /ws/sandbox', () => {
      let endpoint: SandboxEndpoint;
      beforeAll(async () => {
        endpoint = await startSandboxEndpoint(await start());
      }, timeout);
      afterAll(async () => {
        await endpoint?.close();
      }, timeout);

      it('answers hello with ready, runs typed commands, hidden execs and a reset', async () => {
        const client = new TerminalClient(endpoint.url);
        await client.send({ type: 'hello', version: 1, cols: 80, rows: 24 });
        await until(() => client.readies().length === 1, timeout / 2, 'ready');
        const [ready] = client.readies();
        expect(ready).toMatchObject({ resumed: false, node: 'node1' });
        expect(ready!.nodes).toContain('node1');
        client.type('echo ty""ped\r');
        await until(() => client.text.includes('typed'), timeout / 2, 'typed output');
        await client.send({ type: 'exec', id: 'x1', command: 'echo hidden' });
        await until(() => client.controls.some((m) => m.type === 'exec-result'), timeout / 2, 'exec-result');
        expect(client.controls.find((m) => m.type === 'exec-result')).toEqual({ type: 'exec-result', id: 'x1', exit: 0, output: 'hidden\n' });
        await client.send({ type: 'reset' });
        await until(() => client.readies().length === 2, timeout / 2, 'ready after reset');
        expect(client.readies()[1]!.session).not.toBe(ready!.session);
        client.close();
        expect(endpoint.failures).toEqual([]);
      });

      it('refuses an unknown profile as bad-message and closes 1008', async () => {
        const client = new TerminalClient(endpoint.url);
        await client.send({ type: 'hello', version: 1, cols: 80, rows: 24, profile: 'three-nodes' });
        expect(await client.closed).toBe(1008);
        expect(client.controls).toEqual([{ type: 'error', code: 'bad-message', message: 'unknown host profile "three-nodes" (known: default, two-nodes)' }]);
        expect(endpoint.failures).toEqual([]);
      });
    });
  });
}
