import { suiteConfig } from './vitest.shared.js';

// `npm run test:conformance`: the public real data sets in HOSTPLAN_DATA (default ../shared/data).
export default suiteConfig('conformance');
