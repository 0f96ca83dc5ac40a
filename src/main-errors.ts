import { UsageError } from './cli-args.ts';
import { InputError } from './yaml-file.ts';

/** Entry-point wrapper: bad input prints located problems and exits non-zero, without a stack. */
export async function main(command: string, body: () => Promise<number | void>): Promise<void> {
  try {
    process.exitCode = (await body()) ?? 0;
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`${command}: invalid input\n${e.message}\n`);
      process.exitCode = 1;
    } else if (e instanceof UsageError) {
      process.stderr.write(`${command}: ${e.message}\nRun with --help for the options.\n`);
      process.exitCode = 2;
    } else throw e;
  }
}
