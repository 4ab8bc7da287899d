/** The layering rules hold on src/, and each of them fails on a graph that breaks it. */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSource, readSources, type SourceFile } from './import-graph.ts';
import { browserFiles, checkLayering, KNOWN_FLOOR_EXCEPTIONS } from './rules.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A synthetic graph: each entry is a file and its source text. */
function graph(sources: Record<string, string>): SourceFile[] {
  return Object.entries(sources).map(([path, text]) => parseSource(path, text));
}

describe('layering of src/', { timeout: 120_000 }, () => {
  let files: SourceFile[];
  beforeAll(() => {
    files = readSources(ROOT, 'src');
  }, 120_000);

  it('breaks no rule', () => {
    expect(checkLayering(files)).toEqual([]);
  });

  it('reaches the simulator from the worker, so the browser rules cover it', () => {
    const reached = browserFiles(files).map((file) => file.path);
    expect(reached).toContain('src/sandbox/sim/kernel/netns.ts');
    expect(reached).toContain('src/sandbox/connection/sandbox-connection.ts');
    expect(reached).not.toContain('src/server/websocket.ts');
  });

  it('lists only exceptions that still exist', () => {
    const edges = new Set(files.flatMap((file) => file.edges.map((edge) => `${edge.from} -> ${edge.to}`)));
    for (const known of KNOWN_FLOOR_EXCEPTIONS) expect(edges, known.reason).toContain(`${known.from} -> ${known.to}`);
  });
});

describe('layering rules on a graph that breaks them', () => {
  it('a lower floor importing a higher one', () => {
    const violations = checkLayering(
      graph({
        'src/sandbox/sim/kernel/netns.ts': "import { Shell } from '../shell/shell.ts';",
        'src/sandbox/sim/shell/shell.ts': "import { Netns } from '../kernel/netns.ts';",
      }),
    );
    expect(violations).toEqual([{ rule: 'floors', file: 'src/sandbox/sim/kernel/netns.ts', detail: 'kernel imports shell: src/sandbox/sim/shell/shell.ts' }]);
  });

  it('a simulator file on no floor', () => {
    expect(checkLayering(graph({ 'src/sandbox/sim/helpers.ts': '' }))).toEqual([{ rule: 'floors', file: 'src/sandbox/sim/helpers.ts', detail: 'is on no floor: add it to SIMULATOR_FLOORS' }]);
  });

  it('the sandbox or the classroom importing the server', () => {
    const violations = checkLayering(
      graph({
        'src/classroom/rate-limit.ts': "import { TokenBucket } from '../server/token-bucket.ts';",
        'src/sandbox/sessions.ts': "import type { Logger } from './../server/logger.ts';",
      }),
    );
    expect(violations.map((v) => `${v.rule} ${v.file}`)).toEqual(['no-server src/classroom/rate-limit.ts', 'no-server src/sandbox/sessions.ts']);
  });

  it('the driver interface importing a driver', () => {
    expect(checkLayering(graph({ 'src/sandbox/driver.ts': "import type { HostProfile } from './sim/profiles/host-profile.ts';" }))).toEqual([
      { rule: 'driver-interface', file: 'src/sandbox/driver.ts', detail: 'imports src/sandbox/sim/profiles/host-profile.ts' },
    ]);
  });

  it('browser code reaching a Node module or Buffer, through any number of imports', () => {
    const violations = checkLayering(
      graph({
        'src/sandbox/worker/sandbox-worker.ts': "import { host } from './host.ts';\nimport type { Server } from 'node:http';",
        'src/sandbox/worker/host.ts': "import { join } from '../bytes.ts';",
        'src/sandbox/bytes.ts': "import { readFileSync } from 'fs';\nexport const join = (parts: Uint8Array[]) => Buffer.concat(parts); // ArrayBuffer in a comment is fine",
        'src/server/main.ts': "import { createServer } from 'node:http';",
      }),
    );
    expect(violations).toEqual([
      { rule: 'browser', file: 'src/sandbox/bytes.ts', detail: 'imports the Node module fs' },
      { rule: 'browser', file: 'src/sandbox/bytes.ts', detail: 'uses Buffer' },
    ]);
  });
});
