/**
 * What a starting Docker driver does with its owner's sandboxes on the engine (adoption.ts): adopt a
 * stopped holder's live session and pooled hosts, remove what expired, ended or broke, and leave
 * alone what a live replica holds or is still starting.
 */
import { describe, expect, it } from 'vitest';
import { planAdoption, type AdoptionContext, type EngineSandbox } from '../../../src/sandbox/docker/adoption.ts';
import { HOLDER_STALE_MS, type HostClaim } from '../../../src/sandbox/docker/host-claims.ts';

const NOW = Date.UTC(2026, 11, 7, 16, 0);
const HOUR = 3_600_000;
const IMAGE = 'vethlab/sandbox-host:2';
const context: AdoptionContext = { now: NOW, holder: 'me', image: IMAGE, startGraceMs: 120_000 };

function engineSandbox(id: string, overrides: Partial<EngineSandbox> = {}): EngineSandbox {
  return {
    id,
    profile: 'default',
    expiresAt: NOW + HOUR,
    createdAt: NOW - 10 * 60_000,
    hosts: [{ id: `${id}-c1`, node: 'node1', running: true, image: IMAGE }],
    network: { id: `${id}-net`, subnet: '10.213.0.0/28' },
    volumes: [],
    ...overrides,
  };
}

function claim(sandboxId: string, overrides: Partial<HostClaim> = {}): HostClaim {
  return {
    sandboxId,
    owner: 'school',
    holder: 'killed',
    profile: 'default',
    sessionHash: 'f'.repeat(64),
    createdAt: NOW - 60_000,
    expiresAt: NOW + HOUR,
    heartbeatAt: NOW - HOLDER_STALE_MS,
    ...overrides,
  };
}

/** Each sandbox's (or forgotten claim's) id and what happens to it. */
function plan(sandboxes: EngineSandbox[], claims: HostClaim[]): string[] {
  return planAdoption(sandboxes, claims, context).map((step) =>
    step.kind === 'forget' ? `${step.claim.sandboxId} forget` : `${step.sandbox.id} ${step.kind}${'reason' in step ? ` ${step.reason}` : ''}`,
  );
}

describe('adopting sandbox hosts at start-up', () => {
  it('adopts the live session and the pooled hosts of a holder that stopped', () => {
    expect(plan([engineSandbox('session'), engineSandbox('pooled')], [claim('session'), claim('pooled', { sessionHash: undefined })])).toEqual(['session adopt-session', 'pooled adopt-pooled']);
  });

  it('leaves alone what this process serves without a claim (made without a session)', () => {
    expect(planAdoption([engineSandbox('unclaimed')], [], { ...context, own: new Set(['unclaimed']) }).map((step) => step.kind)).toEqual(['leave']);
  });

  it('leaves alone what a live replica holds, what is its own, and what another replica is still starting', () => {
    const young = engineSandbox('young', { createdAt: NOW - 30_000 });
    expect(plan([engineSandbox('held'), engineSandbox('ours'), young], [claim('held', { heartbeatAt: NOW - 1000, holder: 'replica-2' }), claim('ours', { holder: 'me' })])).toEqual([
      'held leave held',
      'ours leave ours',
      'young leave starting',
    ]);
  });

  it('removes orphans past their expiry label, whoever holds them, and sandboxes whose session ended', () => {
    const expired = engineSandbox('expired', { expiresAt: NOW - 1000 });
    expect(plan([expired, engineSandbox('ended')], [claim('expired', { holder: 'replica-2', heartbeatAt: NOW }), claim('ended', { expiresAt: NOW - 1 })])).toEqual([
      'expired remove expired',
      'ended remove session-ended',
    ]);
  });

  it('removes unclaimed, broken and out-of-date sandboxes, and forgets claims of sandboxes that are gone', () => {
    const stopped = engineSandbox('stopped', { hosts: [{ id: 'c', node: 'node1', running: false, image: IMAGE }] });
    const halfPair = engineSandbox('half', { profile: 'two-nodes' });
    const oldImage = engineSandbox('old', { hosts: [{ id: 'c', node: 'node1', running: true, image: 'vethlab/sandbox-host:1' }] });
    expect(
      plan(
        [engineSandbox('unclaimed'), stopped, halfPair, oldImage],
        [claim('stopped'), claim('half'), claim('old', { sessionHash: undefined }), claim('gone'), claim('gone-but-held', { holder: 'replica-2', heartbeatAt: NOW })],
      ),
    ).toEqual(['unclaimed remove unclaimed', 'stopped remove broken', 'half remove broken', 'old remove old-image', 'gone forget']);
  });
});
