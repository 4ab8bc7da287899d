/** The simulator passes the driver conformance suite (terminals on a virtual clock, so it is quick). */
import { createSimulatorDriver } from '../../src/sandbox/sim/driver.ts';
import { describeDriverConformance } from './driver-suite.ts';

describeDriverConformance('simulator', () => createSimulatorDriver({ clock: 'virtual' }));
