import { fixedChunks } from './fixed-chunks.js';

async function collect(pieces: Buffer[], size: number): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const chunk of fixedChunks(
    (async function* () {
      yield* pieces;
    })(),
    size,
  ))
    out.push(Buffer.from(chunk));
  return out;
}

describe('fixedChunks', () => {
  const bytes = Buffer.from(Array.from({ length: 23 }, (_, i) => i));

  it('cuts pieces of any size into chunks of exactly the size, the last one shorter', async () => {
    const pieces = [bytes.subarray(0, 3), bytes.subarray(3, 4), bytes.subarray(4, 17), bytes.subarray(17)];
    const chunks = await collect(pieces, 5);
    expect(chunks.map((c) => c.length)).toEqual([5, 5, 5, 5, 3]);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  });

  it('a length that is a multiple of the size ends without an empty chunk; nothing in, nothing out', async () => {
    expect((await collect([bytes.subarray(0, 20)], 5)).map((c) => c.length)).toEqual([5, 5, 5, 5]);
    expect(await collect([], 5)).toEqual([]);
    expect(await collect([Buffer.alloc(0)], 5)).toEqual([]);
  });

  it('one piece larger than several chunks', async () => {
    const chunks = await collect([bytes], 4);
    expect(chunks.map((c) => c.length)).toEqual([4, 4, 4, 4, 4, 3]);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  });
});
