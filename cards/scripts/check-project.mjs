// Parses a generated HubSpot project with HubSpot's own @hubspot/project-parsing-lib, offline.
//
//   node cards/scripts/check-project.mjs <project dir>
//
// The schema validation step needs a HubSpot account (it downloads the schemas), so it is skipped here;
// what runs is HubSpot's discovery of *-hsmeta.json files, their placement rules and their translation into
// the intermediate representation that `hs project upload` sends. Prints the components as JSON.
import { translate } from '@hubspot/project-parsing-lib/translate';
import { getProjectMetadata } from '@hubspot/project-parsing-lib/projects';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import console from 'node:console';
import process from 'node:process';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: check-project.mjs <project dir>');
  process.exit(2);
}
const project = JSON.parse(readFileSync(join(dir, 'hsproject.json'), 'utf8'));
const source = join(dir, project.srcDir);
const metadata = await getProjectMetadata(source);
const result = await translate(
  { projectSourceDir: source, platformVersion: project.platformVersion, accountId: 0 },
  { skipValidation: true },
);
const nodes = Object.entries(result.intermediateRepresentation.intermediateNodesIndexedByUid).map(
  ([uid, node]) => ({ uid, type: node.componentType, config: node.config }),
);
const counts = Object.fromEntries(
  Object.entries(metadata.components)
    .filter(([, c]) => c.count > 0)
    .map(([type, c]) => [type, { count: c.count, maxCount: c.maxCount }]),
);
console.log(JSON.stringify({ components: counts, nodes, skipped: result.skippedHsMetaFiles }));
