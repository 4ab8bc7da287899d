/** The HTTP settings the classroom uses (see docs/classroom.md); read with the rest in src/settings/settings.ts. */
import type { HttpSettings } from '../../settings/settings.ts';

/** TRUST_PROXY (believe X-Forwarded-* from our proxy) and ALLOWED_ORIGINS (others that may send changes). */
export type HttpConfig = Pick<HttpSettings, 'trustProxy' | 'allowedOrigins'>;
