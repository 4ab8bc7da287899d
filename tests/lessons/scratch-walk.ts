import { readLessons } from './lesson-source.ts';
import { freshSandbox, typeLines, unexpectedError, describeRun } from './sim-runner.ts';
for (const locale of ['en'] as const) {
  for (const lesson of readLessons(locale)) {
    const sb = freshSandbox(lesson.data.sandbox.profile);
    const recs = await typeLines(sb, lesson.commands.filter(c=>!c.exercise).map(c => ({ cmd: c.cmd, node: c.node ?? lesson.data.sandbox.nodes[0]! })));
    console.log('=====', lesson.file);
    for (const r of recs) console.log((unexpectedError(r.output) ? '!! ' : '') + describeRun(r).slice(0, 1500));
    await sb.close();
  }
}
process.exit(0);
