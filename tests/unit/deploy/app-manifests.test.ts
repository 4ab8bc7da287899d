/**
 * The app's deployment files parse and agree with the server: Kubernetes manifests (probes on the
 * server's paths, ports the image serves, affinity, a disruption budget) and compose.yaml.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { HEALTH_PATH, READY_PATH } from '../../../src/server/health.ts';
import { readSettings } from '../../../src/settings/settings.ts';

const ROOT = new URL('../../../', import.meta.url);
type Manifest = { kind: string; metadata: { name: string }; spec: Record<string, unknown> };

function documents(path: string): Manifest[] {
  const parsed = parseAllDocuments(readFileSync(new URL(path, ROOT), 'utf8'));
  for (const doc of parsed) expect(doc.errors, path).toEqual([]);
  return parsed.map((doc) => doc.toJS() as Manifest);
}

describe('deploy/kubernetes/app.yaml', () => {
  const manifests = documents('deploy/kubernetes/app.yaml');
  const byKind = (kind: string) => manifests.find((m) => m.kind === kind)!;

  it('is listed in the kustomization', () => {
    const kustomization = parse(readFileSync(new URL('deploy/kubernetes/kustomization.yaml', ROOT), 'utf8')) as { resources: string[] };
    expect(kustomization.resources).toContain('app.yaml');
  });

  it('runs several replicas with probes on /healthz and /readyz and settings the server accepts', () => {
    expect(manifests.map((m) => m.kind).sort()).toEqual(['Deployment', 'Ingress', 'NetworkPolicy', 'PodDisruptionBudget', 'Service']);
    const deployment = byKind('Deployment') as unknown as {
      spec: { replicas: number; template: { spec: { containers: Container[] } } };
    };
    type Container = {
      ports: { name: string; containerPort: number }[];
      env: { name: string; value?: string }[];
      livenessProbe: { httpGet: { path: string; port: string } };
      readinessProbe: { httpGet: { path: string; port: string } };
    };
    expect(deployment.spec.replicas).toBeGreaterThan(1);
    const [container] = deployment.spec.template.spec.containers;
    expect(container!.livenessProbe.httpGet.path).toBe(HEALTH_PATH);
    expect(container!.readinessProbe.httpGet.path).toBe(READY_PATH);
    const env = Object.fromEntries(container!.env.filter((e) => e.value !== undefined).map((e) => [e.name, e.value!]));
    const settings = readSettings(env);
    expect(container!.ports).toContainEqual({ name: 'http', containerPort: Number(env.PORT) });
    expect(container!.ports).toContainEqual({ name: 'metrics', containerPort: settings.metrics.port });
    expect(settings.http.drainMs).toBeGreaterThan(0);
  });

  it('keeps a learner on one replica and never drains more than one at a time', () => {
    const ingress = byKind('Ingress') as unknown as { metadata: { annotations: Record<string, string> } };
    expect(ingress.metadata.annotations['nginx.ingress.kubernetes.io/affinity']).toBe('cookie');
    expect(byKind('PodDisruptionBudget').spec.maxUnavailable).toBe(1);
  });
});

describe('compose.yaml', () => {
  it('starts the app on PostgreSQL, published on loopback only, with settings the server accepts', () => {
    const compose = parse(readFileSync(new URL('compose.yaml', ROOT), 'utf8')) as {
      services: Record<string, { environment: Record<string, string>; ports?: string[]; depends_on?: Record<string, unknown> }>;
    };
    const app = compose.services.app!;
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'postgres']);
    expect(app.environment.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
    expect(() => readSettings(app.environment)).not.toThrow();
    expect(app.depends_on).toHaveProperty('postgres');
    for (const port of app.ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:/);
  });
});
