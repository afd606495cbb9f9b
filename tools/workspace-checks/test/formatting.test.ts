// Every file Prettier formats (.prettierrc.json; .prettierignore leaves out generated pages and data)
// is already formatted: `npm run format` fixes what this finds.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');

describe('formatting', () => {
  it('leaves no tracked file unformatted', async () => {
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
    const unformatted: string[] = [];
    for (const file of files) {
      const full = path.join(root, file);
      if (!fs.existsSync(full)) continue;
      const info = await prettier.getFileInfo(full, { ignorePath: path.join(root, '.prettierignore') });
      if (info.ignored || info.inferredParser === null) continue;
      const options = await prettier.resolveConfig(full);
      const text = fs.readFileSync(full, 'utf8');
      if (!(await prettier.check(text, { ...options, filepath: full }))) unformatted.push(file);
    }
    expect(unformatted).toEqual([]);
  });
});
