// Public API of core/guest; re-exported by core/src/index.ts.
export { GUEST_OS_TABLE, type GuestOsKind, type GuestOsRow } from './guestOsTable.js';
export { classifyGuestOs, type GuestOsClass } from './classifyGuestOs.js';
export { guestOsAssumptions, type GuestOsReview } from './guestOsAssumptions.js';
