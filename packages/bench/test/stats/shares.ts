import fc from 'fast-check';

/**
 * The calling thread's share of a parallel run (`StatsOptions.callingThreadShare`): none, the
 * shares measured for the default, uneven ones, all of it (the workers get nothing) and any other.
 */
export const shareArb: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, 1 / 8, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1),
  fc.double({ min: 0, max: 1, noNaN: true }),
);
