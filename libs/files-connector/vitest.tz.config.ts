// The connector's tests that read times, run a second time in a zone that is not UTC (the test target
// runs this with TZ=America/New_York): a zone-less time in a file must still mean UTC.
import { projectConfig } from '../../vitest.shared';

export default projectConfig({
  include: ['src/**/*.spec.ts', 'test/csv.test.ts', 'test/json-arrow.test.ts', 'test/csv-timestamps.test.ts'],
  reportSuffix: 'tz-new-york',
});
