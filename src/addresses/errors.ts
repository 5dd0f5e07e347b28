/** A string that is not a valid address (for the given chain); the message says why, for a person to act on. */
export class InvalidAddressError extends Error {
  override readonly name = 'InvalidAddressError';
}
