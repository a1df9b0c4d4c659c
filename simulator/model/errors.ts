/**
 * ECS refused a request. `code` and `apiMessage` are the `Code` and `Message` of ECS's error
 * response (the API reference's error tables); `message` reads `<Code>: <Message>`, the way the
 * provider reports them. Where the reference names no code, `apiMessage` says `(code unverified)`.
 */
export class EcsError extends Error {
  readonly apiMessage: string;

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = "EcsError";
    this.apiMessage = message;
  }
}
