/**
 * A background capture's output, attached to the job instead of to the line that happened to be
 * on screen when it arrived. A real tcpdump started with `&` prints its banner and packets when
 * the kernel hands them over (pcap's buffer timeout), so on the Docker driver they land in the
 * transcript of whatever line was being read then: the ping that caused them, the next line, or a
 * line typed a while later. The simulator prints them with the line that moved the packets. Both
 * are right; what a learner sees of the capture is its lines in the order it printed them.
 *
 * So, while a capture started with `&` is running, every line of tcpdump's grammar (banner,
 * packet, summary) is taken out of the record it landed in and appended, in printed order, to the
 * record of the line that started the capture. The capture ends with its summary's last line or
 * bash's job notice; a tcpdump typed in the foreground owns its own lines.
 */
import type { Recorded } from '../fidelity/scenario.ts';

/** The lines tcpdump itself prints to the terminal. */
const CAPTURE_LINES: readonly RegExp[] = [
  // banner and warnings: `tcpdump: verbose output suppressed ...`, `tcpdump: data link type LINUX_SLL2`
  /^tcpdump: /,
  /^listening on \S+, link-type /,
  // a packet, with its timestamp
  /^\d{2}:\d{2}:\d{2}\.\d{6} /,
  // a packet without one: an encapsulated frame's inner packet (VXLAN), or -t
  /^(?:IP6?|ARP), ?|^IP6? \S+ > \S+: /,
  /^\d+ packets? (?:captured|received by filter|dropped by kernel)$/,
];
/** tcpdump's last line: after it, the capture prints nothing more. */
const CAPTURE_END = /^\d+ packets? dropped by kernel$/;
/** bash's notice that a background job is over (`[1]+  Done   tcpdump ...`). */
const JOB_OVER = /^\[\d+\][+ -] +(?:Done|Exit \d+|Terminated|Killed|Interrupt)\b.*\btcpdump\b/;

/** A line that starts a tcpdump in the background (`tcpdump ... &`, `nsenter ... tcpdump ... & sleep 1; ...`). */
export function startsBackgroundCapture(cmd: string): boolean {
  return /\btcpdump\b[^&|;]*&(?!&)/.test(cmd);
}

/** A line that runs tcpdump in the foreground: its capture's lines are its own. */
function runsForegroundCapture(cmd: string): boolean {
  return /\btcpdump\b/.test(cmd) && !startsBackgroundCapture(cmd);
}

function isCaptureLine(line: string): boolean {
  return CAPTURE_LINES.some((re) => re.test(line));
}

/** `records` with each background capture's output moved to the end of the record that started it. */
export function attachBackgroundCaptures(records: readonly Recorded[]): Recorded[] {
  const own: string[][] = records.map((r) => r.output.split('\n'));
  const attached: string[][] = records.map(() => []);
  let capture: number | undefined;
  records.forEach((record, i) => {
    if (runsForegroundCapture(record.cmd)) capture = undefined;
    if (startsBackgroundCapture(record.cmd)) capture = i;
    if (capture === undefined) return;
    const kept: string[] = [];
    for (const line of own[i]!) {
      if (capture !== undefined && isCaptureLine(line)) {
        attached[capture]!.push(line);
        if (CAPTURE_END.test(line)) capture = undefined;
      } else {
        if (JOB_OVER.test(line)) capture = undefined;
        kept.push(line);
      }
    }
    own[i] = kept;
  });
  return records.map((record, i) => {
    const lines = attached[i]!;
    if (lines.length === 0 && own[i]!.length === record.output.split('\n').length) return record;
    const text = own[i]!.join('\n');
    // the record's own text ends with a newline (or is empty); the capture's lines follow it
    const head = text === '' || text.endsWith('\n') ? text : `${text}\n`;
    return { ...record, output: lines.length === 0 ? text : `${head}${lines.map((l) => `${l}\n`).join('')}` };
  });
}
