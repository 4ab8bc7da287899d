/**
 * One instructor's read-only view of a student's terminal: the screen so far (the session's
 * scrollback), then its output, following the student into a reset sandbox or their next terminal.
 * Read-only by construction: this class holds no way to write to a sandbox (it only ever calls
 * Session.attach), and every frame the client sends is dropped unread.
 */
import type { ConnectionSocket } from '../../sandbox/connection/connection-socket.ts';
import { CloseCode } from '../../sandbox/connection/sandbox-connection.ts';
import type { Logger } from '../../sandbox/logger.ts';
import type { WatchControl } from '../../sandbox/protocol.ts';
import type { EndReason, Session, SessionRegistry, TerminalListener } from '../../sandbox/sessions.ts';
import type { WatchHub, WatchTarget, Watcher } from './watch-hub.ts';

/** A watcher that cannot keep up with the output is dropped past this many unsent bytes; it reconnects. */
const HIGH_WATER_BYTES = 1024 * 1024;

/** Serves the watch endpoint on one accepted socket; see the module comment. */
export class WatchConnection implements Watcher, TerminalListener {
  private readonly socket: ConnectionSocket;
  private readonly registry: SessionRegistry;
  private target: WatchTarget | undefined;
  private detach: (() => void) | undefined;
  private stopWatching: (() => void) | undefined;
  private closed = false;
  private shown: 'live' | 'waiting' | undefined;

  constructor(socket: ConnectionSocket, registry: SessionRegistry, hub: WatchHub, studentId: string, log: Logger) {
    this.socket = socket;
    this.registry = registry;
    socket.listen({
      // The view is read-only: keys, resizes and control messages from it go nowhere.
      message: () => undefined,
      close: () => this.dispose(),
      error: (error) => log.debug(`watch socket: ${error.message}`),
    });
    this.stopWatching = hub.watch(studentId, this);
  }

  /** Show `target` (the student's current terminal), or wait for one. */
  follow(target: WatchTarget | undefined): void {
    if (this.closed) return;
    if (target && this.target && target.sessionId === this.target.sessionId && target.node === this.target.node && this.detach) return;
    this.detach?.();
    this.detach = undefined;
    this.target = target;
    const session: Session | undefined = target ? this.registry.get(target.sessionId) : undefined;
    if (!target || !session?.hasNode(target.node)) {
      this.show({ type: 'watch', state: 'waiting' });
      return;
    }
    const attachment = session.attach(target.node, this);
    this.detach = attachment.detach;
    this.show({ type: 'watch', state: 'live', node: target.node });
    if (attachment.replay.length > 0) this.output(attachment.replay);
  }

  output(bytes: Uint8Array): void {
    if (this.closed || !this.socket.isOpen) return;
    if (this.socket.bufferedAmount > HIGH_WATER_BYTES) {
      this.dispose();
      this.socket.terminate();
      return;
    }
    this.socket.sendBinary(bytes);
  }

  ended(_reason: EndReason, next?: Session): void {
    this.detach = undefined;
    // After a reset the student's connection re-attaches (the hub retargets us); show the new one now.
    this.follow(next && this.target ? { sessionId: next.id, node: this.target.node } : undefined);
  }

  /** The server is stopping. */
  shutdown(): void {
    if (this.closed) return;
    this.dispose();
    this.socket.close(CloseCode.goingAway, 'server shutting down');
  }

  private show(message: WatchControl): void {
    if (message.state === 'waiting' && this.shown === 'waiting') return;
    this.shown = message.state;
    if (this.socket.isOpen) this.socket.sendText(JSON.stringify(message));
  }

  private dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.detach?.();
    this.detach = undefined;
    this.stopWatching?.();
    this.stopWatching = undefined;
  }
}
