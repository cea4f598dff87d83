// How a line the server writes to stderr is shown in the NanoLsp output. No `vscode` import.
//
// The server's logger writes every message to stderr as "[HH:mm:ss.fff level] text" and sends those at
// or above nanolsp.logLevel as window/logMessage too, which the output already shows. Its stderr copy
// goes to the output's trace level (seen when the output's log level is Trace), so lines are not shown
// twice. A logged exception goes on over indented lines ("   at ...", "---> ..."): they belong to that
// message. Anything else on stderr (a start-up failure, the runtime's own error, a crash) is an error.

export type OutputLevel = 'trace' | 'error';

const loggerLine = /^\[\d{2}:\d{2}:\d{2}\.\d{3} (error|warning|info|debug)\] /;
const continuationLine = /^(\s|---)/;

/** Classifies one stream's lines in order: a continuation line takes the level of the message it continues. */
export function stderrClassifier(): (line: string) => OutputLevel {
  let inLoggerMessage = false;
  return line => {
    if (loggerLine.test(line)) {
      inLoggerMessage = true;
      return 'trace';
    }
    if (inLoggerMessage && continuationLine.test(line)) return 'trace';
    inLoggerMessage = false;
    return 'error';
  };
}
