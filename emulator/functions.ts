/**
 * Lambda functions of the emulator: local handler modules registered by name, run by the harness's local runner
 * (worker isolation, runtime profiles), one invoker per function, created on first use.
 */
import { createLocalInvoker } from '../harness/local/index.ts';
import type { Invoker, InvocationOutcome } from '../harness/invoker.ts';
import { parseHandlerSpec } from '../harness/options.ts';
import type { RuntimeProfile } from '../harness/runDefaults.ts';

/** A function as registered: a handler module `path[#export]` and its runtime profile. */
export interface FunctionSpec {
  readonly handler: string;
  readonly runtime?: RuntimeProfile;
}

/** The registry of functions. */
export class Functions {
  private readonly invokers = new Map<string, Invoker>();

  constructor(
    private readonly specs: Readonly<Record<string, FunctionSpec>>,
    readonly region: string,
    readonly accountId = '123456789012',
  ) {}

  /** The function name of a name, an ARN or a partial ARN (`…:function:name[:qualifier]`), if registered. */
  resolve(ref: string): string | undefined {
    const decoded = decodeURIComponent(ref);
    const m = /(?:^|:)function:([^:]+)(?::[^:]+)?$/.exec(decoded);
    const name = m?.[1] ?? decoded;
    return Object.prototype.hasOwnProperty.call(this.specs, name) ? name : undefined;
  }

  arn(name: string): string {
    return `arn:aws:lambda:${this.region}:${this.accountId}:function:${name}`;
  }

  names(): string[] {
    return Object.keys(this.specs);
  }

  /** Invokes a registered function with an event. */
  async invoke(name: string, event: unknown, deadlineMs: number): Promise<InvocationOutcome> {
    let invoker = this.invokers.get(name);
    if (!invoker) {
      const spec = this.specs[name];
      if (!spec) throw new Error(`no function ${name}`);
      invoker = createLocalInvoker({
        ...parseHandlerSpec(spec.handler),
        runtime: spec.runtime ?? 'nodejs22.x',
        isolation: 'worker',
        functionName: name,
        region: this.region,
      });
      this.invokers.set(name, invoker);
      await invoker.init();
    }
    return invoker.invoke(event, { deadlineMs });
  }

  async close(): Promise<void> {
    await Promise.all([...this.invokers.values()].map((i) => i.close()));
    this.invokers.clear();
  }
}
