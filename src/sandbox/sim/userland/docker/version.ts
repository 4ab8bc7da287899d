/** The docker CLI's and engine's version: Debian 12's docker.io, as `docker version` reports it. */
export const VERSION = '20.10.24+dfsg1';
