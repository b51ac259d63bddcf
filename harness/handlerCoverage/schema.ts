/** The handler's coverage in the format of `report.json` (part of `resultSchema.ts`). */
import { z } from 'zod';

const count = z.int().min(0);
const line = z.int().min(1);

const coverageCount = z
  .strictObject({ total: count, reached: count })
  .meta({ id: 'coverageCount', description: "A count of the handler's lines or branches, and how many ran." });

const file = z
  .strictObject({
    path: z.string().describe('Relative to the folder the run started in (absolute when outside it).'),
    lines: coverageCount.describe('Lines that start a statement.'),
    branches: coverageCount.describe('Arms of if/else, ?:, &&/||/??, case and catch.'),
    unreachedLines: z.array(z.tuple([line, line])).describe('Counted lines never reached, as [first, last] spans.'),
    unreachedBranches: z.array(line).describe('The line of each branch arm never reached.'),
    reachedLines: z.array(line).describe('Counted lines that were reached.'),
    source: z.string().optional().describe("The file's text as measured (when at most 512 KiB)."),
  })
  .meta({ id: 'fileCoverage', description: "The coverage of one of the handler's files." });

/** `RunResult.handlerCoverage`. */
export const handlerCoverageSchema = z
  .discriminatedUnion('measured', [
    z.strictObject({ measured: z.literal(false), reason: z.string() }),
    z.strictObject({
      measured: z.literal(true),
      lines: coverageCount,
      branches: coverageCount,
      files: z.array(file),
      skipped: z.array(z.strictObject({ path: z.string(), reason: z.string() })),
    }),
  ])
  .meta({
    id: 'handlerCoverage',
    description:
      "The handler's own code coverage over the run, measured by V8 inside the isolate that ran it; or why it was not.",
  });

/** `CheckResult.handlerReached`. */
export const handlerReachedSchema = z
  .strictObject({ lines: count, branches: count })
  .describe("How many of the handler's lines and branches this check's cases reached.");

/** `RunSummary.coverageShort`. */
export const coverageShortSchema = z
  .strictObject({ branches: z.number().min(0).max(100), min: z.number().min(0).max(100) })
  .describe("The handler's branch coverage (percent) fell below options.minBranchCoverage: not conformant.");
