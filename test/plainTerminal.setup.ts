/**
 * Every test file starts in a plain terminal, whatever the CI around it sets: picocolors, Vitest and Jest colour
 * their output when `CI` or `FORCE_COLOR` is set, and tests read words. A test that checks colours asks for them
 * itself (`FORCE_COLOR=1` in the environment of the process it starts).
 */
delete process.env.FORCE_COLOR;
process.env.NO_COLOR = '1';
