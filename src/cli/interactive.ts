/**
 * `npm run sandbox` without a command: the simulated shell on this terminal. Stdin goes in raw
 * (the simulator's own line discipline echoes and edits), output goes to stdout, the terminal
 * size follows stdout's. Leaving the host's login shell (exit, Ctrl-D) ends the process. A broken
 * lab (`--profile lab.<slug>`) starts from its lesson's hidden setup, as in the page.
 */
import type { SimSandbox } from '../sandbox/sim/sandbox.ts';

/**
 * Run the shell of the sandbox `makeSandbox` gives (after a broken lab's setup, when it has one) on
 * the process's terminal; resolves with the login shell's status.
 */
export async function runOnThisTerminal(makeSandbox: (onExit: (status: number) => void) => Promise<SimSandbox>): Promise<number> {
  let exited: (status: number) => void = () => undefined;
  const status = new Promise<number>((resolve) => {
    exited = resolve;
  });
  const sandbox = await makeSandbox((code) => exited(code));
  const { stdin, stdout } = process;
  const terminal = sandbox.terminal();
  const onResize = () => terminal.resize(stdout.columns || 80, stdout.rows || 24);
  const onData = (chunk: Buffer) => terminal.write(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  // Input from a pipe ended: Ctrl-D at each prompt after the queued lines ran, out of every
  // nested shell and then the login shell, which ends the process like typing it would.
  const onEnd = () => terminal.write(new Uint8Array(9).fill(0x04));
  onResize();
  terminal.onData((bytes) => stdout.write(bytes));
  if (stdin.isTTY) stdin.setRawMode(true);
  stdin.on('data', onData);
  stdin.on('end', onEnd);
  stdout.on('resize', onResize);
  stdin.resume();
  const code = await status;
  stdout.off('resize', onResize);
  stdin.off('data', onData);
  stdin.off('end', onEnd);
  if (stdin.isTTY) stdin.setRawMode(false);
  stdin.pause();
  await sandbox.close();
  return code;
}
