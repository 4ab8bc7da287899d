/**
 * The layering rules of the code base (issue #12, item 9), as functions over an import graph so the
 * test can run them on the real src/ and on a synthetic graph that breaks each of them.
 */
import { builtinModules } from 'node:module';
import type { ImportEdge, SourceFile } from './import-graph.ts';

/**
 * The simulator's floors, lowest first: a file may import its own floor and those below, never one
 * above. `base` is what every floor shares (the clock); `assembly` builds a simulation from all of them.
 * The one way back up (a program runs a shell: `sh -c`, scripts) is a value handed down at assembly
 * (createSimulation's `shellProgram`), not an import.
 */
export const SIMULATOR_FLOORS: readonly { floor: string; files: RegExp }[] = [
  { floor: 'base', files: /^src\/sandbox\/sim\/clock\.ts$/ },
  { floor: 'kernel', files: /^src\/sandbox\/sim\/kernel\// },
  { floor: 'daemon', files: /^src\/sandbox\/sim\/daemon\// },
  // The topology panel's view reads kernel, daemon and the machines of userland.
  { floor: 'userland', files: /^src\/sandbox\/sim\/(userland\/|topology\.ts$)/ },
  { floor: 'shell', files: /^src\/sandbox\/sim\/shell\// },
  { floor: 'tty', files: /^src\/sandbox\/sim\/tty\// },
  { floor: 'assembly', files: /^src\/sandbox\/sim\/(simulation|model-simulation|sandbox|driver|node-boot|launcher|container-runtime)\.ts$/ },
];

/**
 * Imports from a lower floor to a higher one that exist today, each with its reason, so that work on
 * the kernel API and the docker command table can shrink this list. A new arrow up fails the test.
 */
export const KNOWN_FLOOR_EXCEPTIONS: readonly { from: string; to: string; reason: string }[] = [];

/** Folders that must never import the server (src/server is the Node entry around them). */
export const NO_SERVER_IMPORTS = [/^src\/sandbox\//, /^src\/classroom\//, /^src\/components\//];

/** Where browser code starts: the sandbox worker and the components' client scripts. */
export const BROWSER_ENTRIES = [/^src\/sandbox\/worker\/sandbox-worker\.ts$/, /^src\/components\/.*\.ts$/];

export interface Violation {
  rule: string;
  file: string;
  detail: string;
}

/** The floor index of a simulator file, -1 outside the simulator, undefined for a file no floor claims. */
export function floorOf(path: string): number | undefined {
  if (!path.startsWith('src/sandbox/sim/')) return -1;
  const index = SIMULATOR_FLOORS.findIndex(({ files }) => files.test(path));
  return index === -1 ? undefined : index;
}

/** Lower floors never import higher ones; every simulator file is on a floor. */
export function checkFloors(files: readonly SourceFile[], exceptions = KNOWN_FLOOR_EXCEPTIONS): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    const from = floorOf(file.path);
    if (from === undefined) {
      violations.push({ rule: 'floors', file: file.path, detail: 'is on no floor: add it to SIMULATOR_FLOORS' });
      continue;
    }
    if (from === -1) continue;
    for (const edge of file.edges) {
      const to = floorOf(edge.to);
      if (to === undefined || to <= from) continue;
      if (exceptions.some((known) => known.from === edge.from && known.to === edge.to)) continue;
      violations.push({ rule: 'floors', file: file.path, detail: `${SIMULATOR_FLOORS[from]!.floor} imports ${SIMULATOR_FLOORS[to]!.floor}: ${edge.to}` });
    }
  }
  return violations;
}

/** src/sandbox, src/classroom and src/components never import src/server. */
export function checkNoServerImports(files: readonly SourceFile[]): Violation[] {
  return files.flatMap((file) =>
    NO_SERVER_IMPORTS.some((folder) => folder.test(file.path))
      ? file.edges.filter((edge) => edge.to.startsWith('src/server/')).map((edge) => ({ rule: 'no-server', file: file.path, detail: `imports ${edge.to}` }))
      : [],
  );
}

/** The driver interface knows no driver: src/sandbox/driver.ts imports nothing from sim/ (or docker/). */
export function checkDriverInterface(files: readonly SourceFile[]): Violation[] {
  const driver = files.find((file) => file.path === 'src/sandbox/driver.ts');
  return (driver?.edges ?? []).filter((edge) => /^src\/sandbox\/(sim|docker)\//.test(edge.to)).map((edge) => ({ rule: 'driver-interface', file: edge.from, detail: `imports ${edge.to}` }));
}

function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!);
}

/** Files the browser loads: the entries and everything they import as values, transitively. */
export function browserFiles(files: readonly SourceFile[]): SourceFile[] {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const reached = new Map<string, SourceFile>();
  const pending = files.filter((file) => BROWSER_ENTRIES.some((entry) => entry.test(file.path)));
  for (let file = pending.pop(); file; file = pending.pop()) {
    if (reached.has(file.path)) continue;
    reached.set(file.path, file);
    for (const edge of file.edges) {
      const next = edge.typeOnly ? undefined : byPath.get(edge.to);
      if (next) pending.push(next);
    }
  }
  return [...reached.values()];
}

/** Browser code imports no Node module and uses no Buffer (Uint8Array and TextEncoder do the work). */
export function checkBrowserCode(files: readonly SourceFile[]): Violation[] {
  return browserFiles(files).flatMap((file) => [
    ...file.edges.filter((edge: ImportEdge) => !edge.typeOnly && isNodeBuiltin(edge.to)).map((edge) => ({ rule: 'browser', file: file.path, detail: `imports the Node module ${edge.to}` })),
    ...(file.identifiers.has('Buffer') ? [{ rule: 'browser', file: file.path, detail: 'uses Buffer' }] : []),
  ]);
}

/** Every rule over one graph. */
export function checkLayering(files: readonly SourceFile[]): Violation[] {
  return [...checkFloors(files), ...checkNoServerImports(files), ...checkDriverInterface(files), ...checkBrowserCode(files)];
}
