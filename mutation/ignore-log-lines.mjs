// Leaves log lines out of mutation: `….logger.warn({ … }, 'words')` as a statement of its own.
// Their words and fields are for engineers reading the log, not behaviour a test should pin;
// what a log line must carry (an order id, no internal text for staff) is asserted where it
// matters (saga-error-words.test.ts, saga-sweep.test.ts, saga-cancel.test.ts) and holds with or without this.
// The ServiceOrchestrator's `this.debug(…)` is the same kind of line behind its enableLogging
// switch: its words are for engineers; what a caller sees goes through events and results.
import { PluginKind, declareValuePlugin } from '@stryker-mutator/api/plugin';

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);

/** `logger.warn(…)` or `x.y.logger.warn(…)`. */
function isLogCall(node) {
  if (node?.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return false;
  const { object, property } = node.callee;
  if (property.type !== 'Identifier' || !LEVELS.has(property.name)) return false;
  if (object.type === 'Identifier') return object.name === 'logger';
  return object.type === 'MemberExpression' && object.property.type === 'Identifier' && object.property.name === 'logger';
}

/** The orchestrator's own `this.debug(…)`. */
function isDebugCall(node) {
  if (node?.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return false;
  const { object, property } = node.callee;
  return object.type === 'ThisExpression' && property.type === 'Identifier' && property.name === 'debug';
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'log-lines', {
    shouldIgnore(path) {
      if (path.isExpressionStatement() && (isLogCall(path.node.expression) || isDebugCall(path.node.expression))) return 'a log line: words for engineers';
      return undefined;
    },
  }),
];
