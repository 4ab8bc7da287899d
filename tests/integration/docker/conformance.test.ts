/** The Docker driver passes the driver conformance suite, when an engine and the sandbox image are here. */
import { describeDriverConformance } from '../../conformance/driver-suite.ts';
import { skipReason, testDriver } from './engine.ts';

describeDriverConformance('docker', () => testDriver(), { timeoutMs: 120_000, skip: skipReason });
