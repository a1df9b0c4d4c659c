import { drain } from "./helpers";

// Lookup batches and registrations still in flight finish inside the test that started them.
afterEach(drain);
