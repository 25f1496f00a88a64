/** Runs once before all tests: provisions the system programs the integration tests need, and makes sure dist/ is built from today's sources. */
import { ensureFreshBuild } from './support/fresh-build.js';
import { provisionSystemPackages } from './support/system-packages.js';

export default function setup(): void {
  provisionSystemPackages();
  ensureFreshBuild();
}
