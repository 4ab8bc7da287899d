/**
 * How every driver answers Sandbox.requestPort: `curl` on the node itself, as a hidden command, to
 * the address the port is published on, as a learner checking the port from the host would. On the
 * simulator the request so travels the model (nat OUTPUT's DNAT, the bridge, the container's
 * server, which logs it for `docker logs`), and a journaled sandbox (the in-browser simulator, kept
 * sessions) records it like any check, so a rebuilt sandbox stays the same. On the Docker driver
 * the request stays inside the sandbox host, whose private network has no address on the machine:
 * no new path in or out of the sandbox. The answer travels as bytes (ByteExec): an image or any
 * other binary body arrives as the port sent it. Browser-safe.
 */
import type { ByteExecResult, ExecOptions, Sandbox } from './driver.ts';
import { MAX_PORT_RESPONSE_BYTES, parseHttpResponse, PORT_REQUEST_TIMEOUT_MS, PORT_USER_AGENT, type PortRequest, type PortResult } from './published-port.ts';
import type { SandboxState } from './topology/state.ts';

/** The address to ask for `request`'s port on its node: the binding's own, or the node's first address for a wildcard binding. */
export function publishedAddress(state: SandboxState, request: PortRequest): string | undefined {
  const host = state.hosts.find((h) => h.id === request.node);
  const binding = host?.ports.find((p) => p.proto === 'tcp' && p.hostPort === request.port);
  if (!host || !binding) return undefined;
  if (binding.hostIp !== '' && binding.hostIp !== '0.0.0.0' && binding.hostIp !== '::') return binding.hostIp.includes(':') ? `[${binding.hostIp}]` : binding.hostIp;
  return host.addresses[0]?.split('/')[0] ?? '127.0.0.1';
}

/** The curl command line for `request` at `address` (the path single-quoted: it is printable ASCII, quotes included). */
export function portRequestCommand(request: PortRequest, address: string): string {
  const url = `http://${address}:${request.port}${request.path}`;
  const seconds = Math.ceil(PORT_REQUEST_TIMEOUT_MS / 1000) - 1;
  return `curl -sS${request.method === 'HEAD' ? 'I' : 'i'} --max-time ${seconds} --max-filesize ${MAX_PORT_RESPONSE_BYTES} -A '${PORT_USER_AGENT}' ${shellQuote(url)}`;
}

/** A hidden command whose output comes back as the bytes it wrote. */
export type ByteExec = (command: string, options: ExecOptions) => Promise<ByteExecResult>;

/**
 * ByteExec over a sandbox whose `exec` answers with text (the simulator: its programs write text,
 * which its terminal shows as UTF-8, so UTF-8 is the bytes a server of the model sends).
 */
export function utf8Exec(sandbox: Pick<Sandbox, 'exec'>): ByteExec {
  return async (command, options) => {
    const result = await sandbox.exec(command, options);
    return { exit: result.exit, output: new TextEncoder().encode(result.output) };
  };
}

/** What curl's exit status and output say about the request. */
export function curlPortResult(result: ByteExecResult): PortResult {
  if (result.exit === 0) {
    if (result.output.length > MAX_PORT_RESPONSE_BYTES + 64 * 1024) return { ok: false, reason: 'too-large', message: 'the answer is too large' };
    return parseHttpResponse(result.output);
  }
  // Without an answer, the output is curl's own message (-S), which is text.
  const said = new TextDecoder().decode(result.output).trim().split('\n').at(-1) ?? '';
  switch (result.exit) {
    case 7:
      return { ok: false, reason: /No route|unreachable/i.test(said) ? 'unreachable' : 'refused', message: said };
    case 28:
    case 124:
      return { ok: false, reason: 'timeout', message: said || 'no answer in time' };
    case 63:
      return { ok: false, reason: 'too-large', message: said };
    case 127:
      return { ok: false, reason: 'unsupported', message: 'curl is not installed on this node' };
    default:
      return { ok: false, reason: 'bad-response', message: said || `curl exited with ${result.exit}` };
  }
}

/** Sandbox.requestPort for any sandbox that can tell its `state` and run `exec` (by default its own, as UTF-8). */
export async function requestPortWithCurl(sandbox: Pick<Sandbox, 'exec' | 'state'>, request: PortRequest, exec: ByteExec = utf8Exec(sandbox)): Promise<PortResult> {
  const state = await sandbox.state?.();
  const address = state ? publishedAddress(state, request) : undefined;
  if (address === undefined) return { ok: false, reason: 'not-published', message: `no container publishes port ${request.port} on ${request.node}` };
  const result = await exec(portRequestCommand(request, address), { node: request.node, timeoutMs: PORT_REQUEST_TIMEOUT_MS });
  return curlPortResult(result);
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
