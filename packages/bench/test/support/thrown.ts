import { expect } from 'vitest';
import { HostplanError } from '@hostplan/core';

/** The HostplanError `f` throws; fails the test when it throws nothing or something else. */
export function thrown(f: () => unknown): HostplanError {
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error, 'expected a HostplanError').toBeInstanceOf(HostplanError);
  return error as HostplanError;
}
