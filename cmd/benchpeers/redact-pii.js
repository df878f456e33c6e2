// Streams JSON lines {"id","text"} from stdin through redact-pii's
// SyncRedactor and writes {"id","masked"} lines to stdout; a line that is
// not JSON gets {"id":"","error":...} and the stream goes on, as in
// `triage scan`. Input is split on newlines by hand and output is written
// once per input chunk, so the figure measures the redactor, not console I/O.
'use strict';
const { SyncRedactor } = require('redact-pii');
const redactor = new SyncRedactor();

let rest = '';
function scan(line, out) {
  if (line.length === 0) return;
  let rec;
  try {
    rec = JSON.parse(line);
  } catch (e) {
    out.push('{"id":"","error":"malformed JSON"}');
    return;
  }
  if (rec === null || typeof rec.text !== 'string') {
    out.push(JSON.stringify({ id: rec && typeof rec.id === 'string' ? rec.id : '', error: 'missing text' }));
    return;
  }
  out.push(JSON.stringify({ id: rec.id, masked: redactor.redact(rec.text) }));
}

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  const lines = (rest + chunk).split('\n');
  rest = lines.pop();
  const out = [];
  for (const line of lines) scan(line, out);
  if (out.length > 0) process.stdout.write(out.join('\n') + '\n');
});
process.stdin.on('end', () => {
  const out = [];
  scan(rest, out);
  if (out.length > 0) process.stdout.write(out.join('\n') + '\n');
});
