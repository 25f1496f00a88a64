/** Runs once before all tests: provisions the system programs the integration tests need. */
import { provisionSystemPackages } from './support/system-packages.js';

export default function setup(): void {
  provisionSystemPackages();
}
