/** docker inspect (containers, networks, images) and docker container inspect, with -f/--format. */
import { findContainer } from '../../daemon/container.ts';
import { findImage, type Daemon } from '../../daemon/daemon.ts';
import type { Image } from '../../daemon/image-catalog.ts';
import { findNetwork } from '../../daemon/network.ts';
import type { ProgramContext } from '../program.ts';
import type { DockerCall } from './command.ts';
import { checkTemplate, renderTemplate } from './go-template.ts';
import { containerJson, networkJson } from './inspect-json.ts';
import { goJsonIndent } from './json.ts';

/** The object `docker image inspect` prints (the fields lessons look at). */
function imageJson(i: Image): Record<string, unknown> {
  return {
    Id: `sha256:${i.id}`,
    RepoTags: [`${i.repository}:${i.tag}`],
    RepoDigests: [`${i.repository}@${i.digest}`],
    Parent: '',
    Comment: '',
    Created: i.created,
    Container: '',
    DockerVersion: '20.10.7',
    Author: '',
    Config: {
      Hostname: '',
      Domainname: '',
      User: '',
      AttachStdin: false,
      AttachStdout: false,
      AttachStderr: false,
      ...(i.exposedPorts.length > 0 ? { ExposedPorts: Object.fromEntries(i.exposedPorts.map((p) => [p, {}])) } : {}),
      Tty: false,
      OpenStdin: false,
      StdinOnce: false,
      Env: i.env,
      Cmd: i.cmd,
      Image: '',
      Volumes: null,
      WorkingDir: i.workingDir,
      Entrypoint: i.entrypoint,
      OnBuild: null,
      Labels: null,
      ...(i.stopSignal ? { StopSignal: i.stopSignal } : {}),
    },
    Architecture: 'amd64',
    Os: 'linux',
    Size: i.size,
    VirtualSize: i.size,
  };
}

type Kind = 'container' | 'network' | 'image' | undefined;

function lookupObject(d: Daemon, ref: string, kind: Kind): Record<string, unknown> | undefined {
  if (kind === undefined || kind === 'container') {
    const c = findContainer(d.containers, ref);
    if (c) return containerJson(d, c);
  }
  if (kind === undefined || kind === 'image') {
    const i = findImage(d, ref);
    if (i) return imageJson(i);
  }
  if (kind === undefined || kind === 'network') {
    const n = findNetwork(d.networks, ref);
    if (n) return networkJson(n, d);
  }
  return undefined;
}

/** docker inspect (any object, or --type's) / docker container inspect / docker image inspect. */
export async function inspectCommand({ p, ctx, flags, args }: DockerCall, kind: Kind): Promise<number> {
  const type = flags.string('type');
  if (type !== undefined && !['container', 'network', 'image'].includes(type)) {
    ctx.io.stderr(`"${type}" is not a valid value for --type\n`);
    return 1;
  }
  const k = (type as Kind) ?? kind;
  const found: Record<string, unknown>[] = [];
  const missing: string[] = [];
  for (const ref of args) {
    const obj = lookupObject(p.daemon, ref, k);
    if (obj) found.push(obj);
    else missing.push(ref);
  }
  const what = k === 'container' ? 'container' : k === 'network' ? 'network' : k === 'image' ? 'image' : 'object';
  return printInspected(ctx, found, missing, flags.string('format'), what);
}

/**
 * The output of every `docker … inspect`: each found object through `format` (a Go template, with
 * the CLI's \t and \n escapes) or all of them as one indented JSON array, then "Error: No such
 * <what>" for each missing reference; 1 if a template failed or anything was missing.
 */
export function printInspected(ctx: ProgramContext, found: readonly Record<string, unknown>[], missing: readonly string[], format: string | undefined, what: string): number {
  if (format !== undefined && format !== '') {
    const template = format.replace(/\\t/g, '\t').replace(/\\n/g, '\n');
    // The inspect command parses the template before fetching anything: a StatusError with code 64.
    const parseError = checkTemplate(template);
    if (parseError !== undefined) {
      ctx.io.stderr(`template parsing error: template: :1: ${parseError}\n`);
      return 64;
    }
    for (const obj of found) {
      const r = renderTemplate(template, obj);
      if (!r.ok) {
        ctx.io.stderr(`Template parsing error: template: :1: ${r.error}\n`);
        return 1;
      }
      ctx.io.stdout(r.text + '\n');
    }
  } else ctx.io.stdout(goJsonIndent(found) + '\n');
  if (missing.length > 0) {
    ctx.io.stderr(missing.map((m) => `Error: No such ${what}: ${m}\n`).join(''));
    return 1;
  }
  return 0;
}
