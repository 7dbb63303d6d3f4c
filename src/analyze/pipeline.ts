/**
 * Stages and the pipeline that composes them (after spaCy's components and hono's compose).
 * A stage declares the layers it `requires` and `assigns`; the pipeline checks the order once,
 * when it is built, and wraps a failing stage's error with the stage's name.
 */
import { Doc, type Layer } from '../doc/index.js';

export interface Stage {
  readonly name: string;
  readonly requires: readonly Layer[];
  readonly assigns: readonly Layer[];
  run(doc: Doc): void;
}

export class IsnadError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, options);
    this.name = 'IsnadError';
  }
}

export class Pipeline {
  readonly stages: readonly Stage[];

  constructor(stages: readonly Stage[]) {
    const have = new Set<Layer>();
    const names = new Set<string>();
    for (const s of stages) {
      if (names.has(s.name)) throw new IsnadError('ISNAD_PIPELINE_DUPLICATE', `stage "${s.name}" appears twice`);
      names.add(s.name);
      const missing = s.requires.filter((l) => !have.has(l));
      if (missing.length > 0) {
        throw new IsnadError(
          'ISNAD_PIPELINE_ORDER',
          `stage "${s.name}" requires ${missing.join(', ')}, which no earlier stage assigns (stages: ${stages.map((x) => x.name).join(' → ')})`,
        );
      }
      for (const l of s.assigns) have.add(l);
    }
    this.stages = stages;
  }

  /** Runs every stage on `doc`, in order. */
  run(doc: Doc): Doc {
    for (const s of this.stages) {
      try {
        s.run(doc);
      } catch (e) {
        if (e instanceof IsnadError) throw e;
        throw new IsnadError('ISNAD_STAGE_FAILED', `stage "${s.name}" failed on document "${doc.id}": ${(e as Error)?.message ?? e}`, { cause: e });
      }
      for (const l of s.assigns) {
        if (!doc.has(l)) throw new IsnadError('ISNAD_STAGE_CONTRACT', `stage "${s.name}" did not assign ${l}`);
      }
    }
    return doc;
  }
}
