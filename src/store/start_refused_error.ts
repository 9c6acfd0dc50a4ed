/**
 * A check the store ran before it was used (openStore's `refuse`, the start's master key check)
 * said no: the message is the whole of what to tell the operator, and the store is closed already.
 */
export class StartRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartRefusedError';
  }
}
