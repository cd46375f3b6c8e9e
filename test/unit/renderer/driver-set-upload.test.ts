import { describe, expect, it } from 'vitest';
import { chunkRanges, folderFiles } from '../../../src-renderer/plugins/drivers/sets/set-upload';

/** How the Drivers section sends a set: a folder's paths below the folder picked, each file in chunks (an empty one as one empty chunk). */
describe('driver set upload', () => {
  it('names a folder\'s files by their path below the folder picked', () => {
    const file = (name: string, relative: string): File => Object.assign(new File(['x'], name), { webkitRelativePath: relative });
    expect(folderFiles([file('a.inf', 'HP UPD/x64/a.inf'), file('b.cat', 'HP UPD/b.cat'), file('c.ppd', '')]).map((f) => f.path)).toEqual(['x64/a.inf', 'b.cat', 'c.ppd']);
  });

  it('sends a file in chunks of the size the server names, an empty file as one empty chunk', () => {
    expect(chunkRanges(10, 4)).toEqual([
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
    expect(chunkRanges(8, 4)).toEqual([
      [0, 4],
      [4, 8],
    ]);
    expect(chunkRanges(0, 4)).toEqual([[0, 0]]);
  });
});
