/**
 * ECS refused a request. `code` and `apiMessage` are the `Code` and `Message` of ECS's error
 * response (the API reference's error tables), `httpStatus` the HTTP status the table lists with
 * it; `message` reads `<Code>: <Message>`, the way the provider reports them. Where the reference
 * names no code, `apiMessage` says `(code unverified)` and simulator/FIDELITY.md lists it.
 */
export class EcsError extends Error {
  readonly apiMessage: string;

  constructor(
    readonly code: string,
    message: string,
    /** The HTTP status ECS answers with (400 unless the reference lists another). */
    readonly httpStatus: number = 400,
  ) {
    super(`${code}: ${message}`);
    this.name = "EcsError";
    this.apiMessage = message;
  }
}
