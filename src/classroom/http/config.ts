/** HTTP settings of the classroom from the environment (see docs/classroom.md). */

export interface HttpConfig {
  /** TRUST_PROXY=1: believe X-Forwarded-Proto/-Host/-For from the reverse proxy in front of us. */
  trustProxy: boolean;
  /** ALLOWED_ORIGINS (comma-separated): origins besides the request's own that may send changes. */
  allowedOrigins: readonly string[];
}

/** Read TRUST_PROXY and ALLOWED_ORIGINS. */
export function readHttpConfig(env: NodeJS.ProcessEnv = process.env): HttpConfig {
  return {
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin.length > 0),
  };
}
