// What a task worker's result can hand over instead of copying.

/**
 * The memory behind the typed arrays of a result (a what-if baseline: hundreds of megabytes at
 * 10M lines), to transfer rather than copy: the main thread then receives it without a copy that
 * would block it. Node's own Buffers are left out (pooled: not ours to give away). Walks plain
 * objects, arrays and Map values a few levels down.
 */
export function buffersOf(
  value: unknown,
  out = new Set<ArrayBuffer>(),
  depth = 0,
): Set<ArrayBuffer> {
  if (depth > 4 || value === null || typeof value !== 'object') return out;
  if (ArrayBuffer.isView(value)) {
    if (!Buffer.isBuffer(value) && value.buffer instanceof ArrayBuffer) out.add(value.buffer);
    return out;
  }
  const children = value instanceof Map ? [...value.values()] : Object.values(value);
  for (const v of children) buffersOf(v, out, depth + 1);
  return out;
}
