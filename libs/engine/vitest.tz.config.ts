// The engine's tests that read or print times, run a second time in a zone that is not UTC (the test
// target runs this with TZ=America/New_York): a zone-less time must still mean UTC.
import { projectConfig } from '../../vitest.shared';

export default projectConfig({
  include: [
    'src/**/*.spec.ts',
    'test/timestamps.test.ts',
    'test/arrow-io.test.ts',
    'test/windowing-cases.test.ts',
    'test/dedupe-within-watermark.test.ts',
    'test/value-range.test.ts',
  ],
  reportSuffix: 'tz-new-york',
});
