/** docker inspect (containers, networks, images) and docker container inspect, with -f/--format. */
import { findContainer } from '../../daemon/container.ts';
import { findImage, type Daemon } from '../../daemon/daemon.ts';
import type { Image } from '../../daemon/image-catalog.ts';
import { findNetwork } from '../../daemon/network.ts';
import type { ProgramContext } from '../program.ts';
import type { DockerCall } from './command.ts';
import { checkTemplate, executeTemplate, renderTemplate, type TemplateResult } from './go-template.ts';
import type { GoType } from './go-types.ts';
import { CONTAINER_JSON, IMAGE_INSPECT, NETWORK_RESOURCE } from './inspect-types.ts';
import { containerJson, networkJson } from './inspect-json.ts';
import { goJson, goJsonIndent } from './json.ts';

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

/** What `docker inspect` finds for a reference: its JSON and the Go type the CLI decodes it into. */
export interface Inspected {
  json: Record<string, unknown>;
  /** Without one (objects the simulator has no schema for) the template reads the JSON loosely. */
  type?: GoType;
}

/** The kinds --type accepts (Docker 20.10); the simulator keeps no volumes, so none is ever found. */
const TYPES = ['container', 'image', 'network', 'volume'] as const;
type Kind = (typeof TYPES)[number] | undefined;

function lookupObject(d: Daemon, ref: string, kind: Kind): Inspected | undefined {
  if (kind === undefined || kind === 'container') {
    const c = findContainer(d.containers, ref);
    if (c) return { json: containerJson(d, c), type: CONTAINER_JSON };
  }
  if (kind === undefined || kind === 'image') {
    const i = findImage(d, ref);
    if (i) return { json: imageJson(i), type: IMAGE_INSPECT };
  }
  if (kind === undefined || kind === 'network') {
    const n = findNetwork(d.networks, ref);
    if (n) return { json: networkJson(n, d), type: NETWORK_RESOURCE };
  }
  return undefined;
}

function isKind(type: string): type is NonNullable<Kind> {
  return (TYPES as readonly string[]).includes(type);
}

/** docker inspect (any object, or --type's) / docker container inspect / docker image inspect. */
export async function inspectCommand({ p, ctx, flags, args }: DockerCall, kind: Kind): Promise<number> {
  const type = flags.string('type');
  if (type !== undefined && !isKind(type)) {
    ctx.io.stderr(`"${type}" is not a valid value for --type\n`);
    return 1;
  }
  const k = type ?? kind;
  const found: Inspected[] = [];
  const missing: string[] = [];
  for (const ref of args) {
    const obj = lookupObject(p.daemon, ref, k);
    if (obj) found.push(obj);
    else missing.push(ref);
  }
  return printInspected(ctx, found, missing, flags.string('format'), k ?? 'object');
}

/**
 * One object through the CLI's TemplateInspector: the template runs on the typed struct; if that
 * fails it runs again on the raw JSON decoded into maps, with missingkey=error, and that run's
 * error is the one reported.
 */
function inspectOne(template: string, obj: Inspected): TemplateResult {
  if (obj.type) {
    const typed = executeTemplate(template, { type: obj.type, data: obj.json });
    if (typed.ok) return typed;
    const raw = executeTemplate(template, { type: { kind: 'dynamic', loose: false }, data: JSON.parse(goJson(obj.json)) }, true);
    return raw.ok ? raw : { ok: false, error: `template parsing error: ${raw.error}` };
  }
  const r = renderTemplate(template, obj.json);
  return r.ok ? r : { ok: false, error: `template parsing error: ${r.error}` };
}

/**
 * The output of every `docker … inspect`: each found object through `format` (a Go template, with
 * the CLI's \t and \n escapes) or all of them as one indented JSON array, then an error line for
 * each object whose template failed and "Error: No such <what>" for each missing reference; 1 if
 * anything failed. The template inspector prints an empty line when no object printed anything.
 */
export function printInspected(ctx: ProgramContext, found: readonly Inspected[], missing: readonly string[], format: string | undefined, what: string): number {
  const errors: string[] = [];
  if (format !== undefined && format !== '') {
    const template = format.replace(/\\t/g, '\t').replace(/\\n/g, '\n');
    // The inspect command parses the template before fetching anything: a StatusError with code 64.
    const parseError = checkTemplate(template);
    if (parseError !== undefined) {
      ctx.io.stderr(`template parsing error: template: :1: ${parseError}\n`);
      return 64;
    }
    let buffer = '';
    for (const obj of found) {
      const r = inspectOne(template, obj);
      if (r.ok) buffer += r.text + '\n';
      else errors.push(r.error);
    }
    ctx.io.stdout(buffer === '' ? '\n' : buffer);
  } else ctx.io.stdout(goJsonIndent(found.map((o) => o.json)) + '\n');
  errors.push(...missing.map((m) => `Error: No such ${what}: ${m}`));
  if (errors.length > 0) {
    ctx.io.stderr(errors.map((e) => e + '\n').join(''));
    return 1;
  }
  return 0;
}
