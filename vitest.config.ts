import { suiteConfig } from './vitest.shared.js';

// `npm test`: every test that needs nothing outside the repository.
export default suiteConfig('unit');
