// A bundle's source map reduced to our own code. pino looks up its caller's call sites whenever a logger is made,
// and with --enable-source-maps Node then decodes the whole map of every file in the stack: for a bundle, every
// dependency's mappings too (0.6 s of CPU and 70 MB at each start-up). A dependency's frame keeps the bundle's
// own file, line and column, as an unmapped file would.

const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT_VALUES = new Map([...DIGITS].map((digit, value) => [digit, value]));

/** The fields of one segment of `mappings` (base64 VLQ, each relative to the previous segment's). */
function decodeSegment(text) {
  const fields = [];
  let value = 0;
  let shift = 0;
  for (const digit of text) {
    const bits = DIGIT_VALUES.get(digit);
    value += (bits & 31) * 2 ** shift;
    if (bits & 32) {
      shift += 5;
      continue;
    }
    fields.push(value % 2 ? -(value - 1) / 2 : value / 2);
    value = 0;
    shift = 0;
  }
  return fields;
}

function encodeSegment(fields) {
  let text = '';
  for (const field of fields) {
    let value = field < 0 ? -field * 2 + 1 : field * 2;
    do {
      const bits = value % 32;
      value = Math.floor(value / 32);
      text += DIGITS[value > 0 ? bits + 32 : bits];
    } while (value > 0);
  }
  return text;
}

/**
 * `map` (a source map object) keeping only the mappings into sources for which `isOwn(source)` is true. Where
 * a mapped stretch of generated code gives way to a dependency's, an unmapped segment ends it, so a frame in
 * the dependency is not taken for the end of our code before it.
 */
export function ownCodeOnly(map, isOwn) {
  const sources = new Map(); // index in map.sources -> index in the result
  const names = new Map();
  const indexIn = (indexes, index) => {
    if (!indexes.has(index)) indexes.set(index, indexes.size);
    return indexes.get(index);
  };
  const input = { source: 0, line: 0, column: 0, name: 0 };
  const output = { source: 0, line: 0, column: 0, name: 0 };
  let mapped = false;
  const mappings = map.mappings.split(';').map((line) => {
    const kept = [];
    let generatedColumn = 0;
    let previousColumn = 0;
    const emit = (fields) => {
      kept.push(encodeSegment([generatedColumn - previousColumn, ...fields]));
      previousColumn = generatedColumn;
    };
    for (const segment of line ? line.split(',') : []) {
      const [columnStep, sourceStep, lineStep, originalColumnStep, nameStep] = decodeSegment(segment);
      generatedColumn += columnStep;
      if (sourceStep === undefined) {
        if (mapped) emit([]);
        mapped = false;
        continue;
      }
      input.source += sourceStep;
      input.line += lineStep;
      input.column += originalColumnStep;
      if (nameStep !== undefined) input.name += nameStep;
      if (!isOwn(map.sources[input.source])) {
        if (mapped) emit([]);
        mapped = false;
        continue;
      }
      const source = indexIn(sources, input.source);
      const fields = [source - output.source, input.line - output.line, input.column - output.column];
      Object.assign(output, { source, line: input.line, column: input.column });
      if (nameStep !== undefined) {
        const name = indexIn(names, input.name);
        fields.push(name - output.name);
        output.name = name;
      }
      emit(fields);
      mapped = true;
    }
    return kept.join(',');
  });
  return {
    ...map,
    sources: [...sources.keys()].map((index) => map.sources[index]),
    ...(map.sourcesContent && { sourcesContent: [...sources.keys()].map((index) => map.sourcesContent[index]) }),
    names: [...names.keys()].map((index) => map.names[index]),
    mappings: mappings.join(';'),
  };
}
