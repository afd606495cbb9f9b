// `npm run docs:config`: writes each app's config table into its README (between the markers).
import fs from 'node:fs';
import path from 'node:path';
import { readmeStates, ROOT } from './app-readmes';

void readmeStates().then((states) => {
  for (const { readme, current, expected } of states) {
    if (current === expected) continue;
    fs.writeFileSync(path.join(ROOT, readme), expected);
    console.log(`updated ${readme}`);
  }
});
