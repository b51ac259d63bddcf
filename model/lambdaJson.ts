/** The JSON a Node Lambda sends for a handler's result (CONTRACT.md §2): `JSON.stringify`, `undefined` as `null`. */

/** The serialized reply, or why it cannot be serialized (circular structure, BigInt). */
export type LambdaJson = { readonly ok: true; readonly json: string } | { readonly ok: false; readonly reason: string };

/**
 * Serializes a handler result as the Node Lambda runtime does.
 * @param result - what the handler returned
 * @example toLambdaJson({ when: new Date(0) }) // { ok: true, json: '{"when":"1970-01-01T00:00:00.000Z"}' }
 */
export function toLambdaJson(result: unknown): LambdaJson {
  try {
    const json = JSON.stringify(result) as string | undefined;
    return { ok: true, json: json ?? 'null' };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}
