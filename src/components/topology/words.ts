/**
 * The topology panel's words: the `topology` area of the locale tables plus the packet outcomes of
 * the `sandbox` area (the same words `explain` uses). The server renders them into the panel's
 * data-vl-strings (Topology.astro), so the browser gets its page's locale only; static diagrams
 * are drawn on the server with the same translator.
 */
import { readPageStrings, type PageTranslator } from '../../i18n/client-strings.ts';
import type { Locale } from '../../i18n/locales.ts';
import { pageStrings } from '../../i18n/page-strings.ts';
import type { UiKey } from '../../i18n/registry.ts';
import type { PathState } from '../../sandbox/topology/state.ts';

/** Translates the panel's keys (a page translator over TOPOLOGY_KEYS). */
export type TopologyWords = PageTranslator;

const OUTCOMES: readonly PathState['outcome'][] = ['answered', 'delivered', 'dropped', 'refused', 'unreachable', 'no-route', 'timeout', 'dns'];

/** Every key the panel's scripts ask for. */
export const TOPOLOGY_KEYS: readonly UiKey[] = [
  'topology.heading',
  'topology.title',
  'topology.explain',
  'topology.list',
  'topology.waiting',
  'topology.enlarge',
  'topology.close',
  'topology.mode.bridge',
  'topology.mode.host',
  'topology.mode.none',
  'topology.mode.container',
  'topology.mode.network',
  'topology.mode.overlay',
  'topology.box.host',
  'topology.box.hostNamed',
  'topology.box.hostNamespace',
  'topology.box.networkNamespace',
  'topology.box.namespace',
  'topology.box.hostModeLine',
  'topology.describe.host',
  'topology.describe.container',
  'topology.describe.containerShared',
  'topology.describe.namespace',
  'topology.describe.noInterfaces',
  'topology.lane.bridge',
  'topology.lane.title',
  'topology.summary',
  'topology.summaryOverlays',
  'topology.list.bridge',
  'topology.list.bridgeNetwork',
  'topology.list.overlay',
  'topology.list.subnet',
  'topology.list.gateway',
  'topology.list.hostNamespace',
  'topology.list.networkNamespace',
  'topology.list.containerNamespace',
  'topology.list.interface',
  'topology.list.vethPeer',
  'topology.list.vethPeerIn',
  'topology.list.portOf',
  'topology.list.container',
  'topology.list.containerWith',
  'topology.list.networks',
  'topology.list.port',
  'topology.list.host',
  'topology.list.overlayNetwork',
  'topology.list.vtep',
  'topology.path.reply',
  ...OUTCOMES.map((outcome): UiKey => `sandbox.outcome.${outcome}`),
];

/** The data-vl-strings value of a panel in `locale`. */
export function topologyStrings(locale: Locale): string {
  return pageStrings(locale, TOPOLOGY_KEYS);
}

/** The panel's translator on the server (static diagrams, the first render). */
export function topologyWords(locale: Locale): TopologyWords {
  return readPageStrings(topologyStrings(locale));
}
