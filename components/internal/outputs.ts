import * as pulumi from "@pulumi/pulumi";

/**
 * The value of an output, or `undefined` while it is unknown (a preview of a resource not yet
 * created), so that one unknown fact never hides the check of a known one.
 *
 * `Output#apply` takes a second, untyped parameter, `runWithUnknowns`, which the SDK's own
 * property lifting uses: with it the callback runs during a preview and sees `pulumi.unknown`.
 */
export function knownOrUndefined<T>(value: pulumi.Input<T> | undefined): pulumi.Output<T | undefined> {
  const out = pulumi.output(value) as unknown as {
    apply<U>(fn: (v: unknown) => U, runWithUnknowns: boolean): pulumi.Output<U>;
  };
  return out.apply((v) => (pulumi.isUnknown(v) ? undefined : (v as T)), true);
}

/** True when a value is an Output or a Promise, that is, known only later. */
export function isEventual(value: unknown): boolean {
  return pulumi.Output.isInstance(value) || value instanceof Promise;
}

/** `fn(value)`, computed now when the value is plain, when it resolves otherwise. */
export function derived<T, U>(
  value: pulumi.Input<T> | undefined,
  fn: (v: T | undefined) => U,
  unknown?: U,
): pulumi.Input<U> {
  if (!isEventual(value)) return fn(value as T | undefined);
  return unknown === undefined
    ? pulumi.output(value).apply((v) => fn(v as T))
    : knownOrUndefined(value).apply((v) => (v === undefined ? unknown : fn(v as T)));
}

/**
 * Whether an output rejects: true when it does, false when it resolves, known or not (during a
 * preview). Reads the SDK's own promise, the one way to observe a rejection without a crash.
 */
export function rejects(value: pulumi.Output<unknown>): Promise<boolean> {
  return sdkPromise(value).then(
    () => false,
    () => true,
  );
}

/**
 * The value of an input once it settles: `undefined` while it is unknown (a preview) or when it
 * rejects (the rejection is reported where the input is used). Never rejects, never hangs on an
 * unknown.
 */
export function settle<T>(value: pulumi.Input<T> | undefined): Promise<T | undefined> {
  if (pulumi.Output.isInstance(value)) {
    return sdkPromise(value).then(
      (v) => (pulumi.isUnknown(v) ? undefined : (v as T)),
      () => undefined,
    );
  }
  if (value instanceof Promise) return value.catch(() => undefined);
  return Promise.resolve(value);
}

/** The SDK's own promise of an output, unknowns included (not public API, stable across 3.x). */
function sdkPromise(value: pulumi.Output<unknown>): Promise<unknown> {
  return (value as unknown as { promise(withUnknowns?: boolean): Promise<unknown> }).promise(true);
}
