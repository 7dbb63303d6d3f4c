/** Errors the CLI reports as one line (code and message) with a non-zero exit, never a stack trace. */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** 2 for usage errors, 1 for everything else */
    readonly exitCode: number = code === 'ISNAD_USAGE' ? 2 : 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
