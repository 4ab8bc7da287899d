/**
 * A promise the code made to itself was broken: a value it guarantees (a namespace's loopback, a
 * regex group that always takes part) is missing. Input never raises it; a model bug does, and the
 * launcher reports it as the program's internal error instead of a TypeError further on.
 */
export class InvariantError extends Error {
  override readonly name = 'InvariantError';
}
