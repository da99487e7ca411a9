import { suiteConfig } from './vitest.shared.js';

// `npm run test:integration`: real system programs (Debian's prometheus and promtool).
export default suiteConfig('integration');
