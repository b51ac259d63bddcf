/**
 * The case generators the checks draw from, by input class: a thin layer over the product generators so every
 * check names its generator by intent.
 */
import type fc from 'fast-check';
import {
  classesOf,
  syncCase,
  type ForceableClass,
  type SyncCase,
  type SyncCaseConstraints,
} from '../generators/index.ts';
import type { GenContext } from './check.ts';

export type { SyncCase };

/** Input classes a check can force. */
export type CaseClass = ForceableClass;

/** The input classes a case reaches, for coverage statistics. */
export function classifyCase(c: SyncCase): string[] {
  return classesOf(c);
}

/**
 * Cases of every kind at the generators' default bias.
 * @param gen - the run's generator context
 */
export function anyCase(gen: GenContext): fc.Arbitrary<SyncCase> {
  return syncCase(constraintsOf(gen));
}

/** The generator constraints a run's context implies: pinned readings, domain values, known keys and names. */
function constraintsOf(gen: GenContext): SyncCaseConstraints {
  return {
    ...(gen.eventReadings ? { readings: gen.eventReadings } : {}),
    ...(gen.values && Object.keys(gen.values).length ? { values: gen.values } : {}),
    ...(gen.keys?.length ? { keys: gen.keys } : {}),
    ...(gen.datasetNames?.length ? { datasetNames: gen.datasetNames } : {}),
    ...(gen.datasetName !== undefined ? { datasetName: gen.datasetName } : {}),
  };
}

/**
 * Cases that always contain the given input classes.
 * @param classes - the classes to force
 * @param gen - the run's generator context
 */
export function caseWith(classes: readonly CaseClass[], gen: GenContext): fc.Arbitrary<SyncCase> {
  return syncCase({ classes, ...constraintsOf(gen) });
}
