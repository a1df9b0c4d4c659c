import * as pulumi from "@pulumi/pulumi";

/**
 * A ResourceError whose message stays the sentence written for the user. The SDK prefixes
 * the message of an error that rejects a resource input (`error serializing property
 * "diskId": …`) each time it passes through serialization, on the same object; here those
 * prefixes are dropped, and the error keeps its identity, so the runtime still reports it once.
 */
export class UserFacingError extends pulumi.ResourceError {
  constructor(message: string, resource: pulumi.Resource | undefined) {
    super(message, resource, true);
    Object.defineProperty(this, "message", {
      get: () => message,
      set: () => undefined,
      enumerable: false,
      configurable: true,
    });
  }
}
