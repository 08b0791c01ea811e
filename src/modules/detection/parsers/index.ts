import type { EventLine } from '../../../contracts/detection.js';
import { type CombinedParserOptions, createCombinedParser } from './combined.js';
import { createEventIds } from './event-id.js';
import { createJsonLinesParser, type JsonLinesParserOptions } from './jsonl.js';
import {
  createParseReport,
  failure,
  type LineParse,
  type LineResult,
  type ParseReport,
  printable,
  recordResult,
} from './parse.types.js';
import { createSshdParser, type SshdParserOptions } from './sshd.js';

export type LogFormat = 'sshd' | 'nginx' | 'apache' | 'json';
export const LOG_FORMATS: readonly LogFormat[] = ['sshd', 'nginx', 'apache', 'json'];

export interface LineParserOptions {
  sshd: SshdParserOptions;
  nginx: CombinedParserOptions;
  apache: CombinedParserOptions;
  json: JsonLinesParserOptions;
}

export interface LineParser {
  /** Parses the next line of the input; lines must come in file order. Never throws. */
  parse(line: string): LineResult;
  /** Running totals for this input, updated by every parse call. */
  readonly report: ParseReport;
}

export type { LineResult, ParseReport, ParseSample } from './parse.types.js';
export { eventsOf } from './parse.types.js';
export { parseMappingOption, parseOutcomeMapOption } from './jsonl.js';

function formatParser<F extends LogFormat>(format: F, options: LineParserOptions[F]): LineParse {
  switch (format) {
    case 'sshd':
      return createSshdParser(options as SshdParserOptions);
    case 'nginx':
    case 'apache':
      return createCombinedParser(options as CombinedParserOptions);
    case 'json':
      return createJsonLinesParser(options as JsonLinesParserOptions);
    default:
      throw new TypeError(`unknown log format ${String(format)}`);
  }
}

/**
 * One parser per input file: the sshd parser keeps state (the inferred year, open sessions),
 * and event ids count identical lines within the file. Events keep an id the source gave them.
 */
export function createLineParser<F extends LogFormat>(
  format: F,
  options: LineParserOptions[F],
): LineParser {
  const parseLine = formatParser(format, options);
  const ids = createEventIds(format);
  const report = createParseReport();
  // The format parsers hand over objects of their own, so the id is set on them in place.
  const withId = (event: EventLine, line: string): EventLine => {
    event.id ??= ids.next(line);
    return event;
  };

  return {
    report,
    parse(line) {
      let result: LineResult;
      try {
        result = parseLine(line);
        if (result.kind === 'event') {
          withId(result.event, line);
          for (const extra of result.more ?? []) withId(extra, line);
        }
      } catch (error) {
        // A parser bug must cost one line, not the rest of the stream.
        result = failure(`parser error: ${printable(String(error), 200)}`);
      }
      recordResult(report, report.lines + 1, line, result);
      return result;
    },
  };
}
