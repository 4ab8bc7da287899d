/**
 * Notice when a sandbox host stops on its own (its dockerd was OOM-killed, the learner killed its
 * init, its deadline passed): the engine's event stream reports the container's `die`. The driver
 * then ends that sandbox at once instead of holding its slot until the idle reaper comes by.
 */
import type { EngineClient } from './engine-client.ts';
import { DRIVER_LABEL_VALUE, LABEL } from './labels.ts';

/** Follow `die` events of the owner's containers until stopped; reconnects when the stream drops. */
export class DeathWatch {
  private readonly client: EngineClient;
  private readonly owner: string;
  private readonly onDeath: (containerId: string) => void;
  private stopped = false;
  private abort: (() => void) | undefined;

  constructor(client: EngineClient, owner: string, onDeath: (containerId: string) => void) {
    this.client = client;
    this.owner = owner;
    this.onDeath = onDeath;
  }

  start(): void {
    void this.follow();
  }

  stop(): void {
    this.stopped = true;
    this.abort?.();
  }

  private async follow(): Promise<void> {
    const filters = encodeURIComponent(
      JSON.stringify({
        type: ['container'],
        event: ['die'],
        label: [`${LABEL.driver}=${DRIVER_LABEL_VALUE}`, `${LABEL.owner}=${this.owner}`],
      }),
    );
    while (!this.stopped) {
      try {
        const res = await this.client.stream('GET', `/events?filters=${filters}`);
        await new Promise<void>((resolve) => {
          this.abort = () => {
            res.destroy();
            resolve();
          };
          let buffered = '';
          res.on('data', (chunk: Buffer) => {
            buffered += chunk.toString('utf8');
            for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
              const line = buffered.slice(0, newline).trim();
              buffered = buffered.slice(newline + 1);
              const id = eventId(line);
              if (id) this.onDeath(id);
            }
          });
          res.on('end', resolve);
          res.on('error', () => resolve());
        });
      } catch {
        // the engine is away; try again shortly
      }
      if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, 1000).unref());
    }
  }
}

/** The container id of one line of the event stream, if it is one. */
function eventId(line: string): string | undefined {
  try {
    const event = JSON.parse(line) as { id?: unknown };
    return typeof event.id === 'string' ? event.id : undefined;
  } catch {
    return undefined;
  }
}
