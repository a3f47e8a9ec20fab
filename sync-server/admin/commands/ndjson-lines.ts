/**
 * The JSON objects of an NDJSON answer (sync-server/http/ndjson.ts), as they arrive; the empty
 * heartbeat lines are skipped. A line that is not JSON is an error, not a silent skip.
 */
export async function* ndjsonLines<T>(body: ReadableStream<Uint8Array> | null): AsyncGenerator<T> {
  if (!body) return;
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true });
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) yield JSON.parse(line) as T;
  }
  buffered += decoder.decode();
  if (buffered.trim()) yield JSON.parse(buffered) as T;
}
