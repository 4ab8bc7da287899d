/**
 * Finds code that changes kernel state directly: an assignment to, an increment of, or an
 * array/Map/Set mutation through a property of an object whose type the kernel declares (Link,
 * Netns, Route, IfAddr, Neighbour, Lan, netfilter tables …). It reads types, so `ep.mac = …` on a
 * daemon Endpoint is fine while `dev.addrs.push(…)` on a kernel Link is not, whatever the names.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

/** One direct write, as file:line and the offending code. */
export interface KernelWrite {
  where: string;
  code: string;
}

const MUTATORS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set', 'delete', 'clear', 'add']);
const COLLECTIONS = new Set(['Array', 'Map', 'Set', 'WeakMap', 'WeakSet']);
const ASSIGNMENTS = new Set([
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.PlusEqualsToken,
  ts.SyntaxKind.MinusEqualsToken,
  ts.SyntaxKind.BarEqualsToken,
  ts.SyntaxKind.AmpersandEqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
]);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (path.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** Every direct write into kernel-declared objects from files under `root` outside `kernelDir`. */
export function findKernelWrites(root: string, kernelDir: string): KernelWrite[] {
  const files = sourceFiles(root);
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    // Only what the check looks at (Array, Map, Set): no DOM or Node typings to parse.
    lib: ['lib.es2022.d.ts'],
    types: [],
  });
  const checker = program.getTypeChecker();
  const kernelPrefix = kernelDir.endsWith(sep) ? kernelDir : kernelDir + sep;

  const declaredByKernel = (node: ts.Expression): boolean => {
    const type = checker.getNonNullableType(checker.getTypeAtLocation(node));
    const parts = type.isUnion() ? type.types : [type];
    return parts.some((t) => (t.getSymbol() ?? t.aliasSymbol)?.declarations?.some((d) => d.getSourceFile().fileName.startsWith(kernelPrefix)) ?? false);
  };
  const isCollection = (node: ts.Expression): boolean => {
    const name = checker.getNonNullableType(checker.getTypeAtLocation(node)).getSymbol()?.getName();
    return name !== undefined && COLLECTIONS.has(name);
  };
  // `x.field = …` or `x[i] = …` where x is a kernel object.
  const writesKernelField = (target: ts.Expression): boolean => {
    const t = ts.isParenthesizedExpression(target) ? target.expression : target;
    return (ts.isPropertyAccessExpression(t) || ts.isElementAccessExpression(t)) && declaredByKernel(t.expression);
  };

  const found: KernelWrite[] = [];
  for (const sf of program.getSourceFiles()) {
    if (!sf.fileName.startsWith(root) || sf.fileName.startsWith(kernelPrefix)) continue;
    const report = (node: ts.Node) => {
      const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      found.push({ where: `${relative(root, sf.fileName)}:${line}`, code: node.getText(sf).slice(0, 120) });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isBinaryExpression(node) && ASSIGNMENTS.has(node.operatorToken.kind) && writesKernelField(node.left)) report(node);
      else if (
        (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
        (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken) &&
        writesKernelField(node.operand)
      )
        report(node);
      else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const callee = node.expression;
        const owner = callee.expression;
        // dev.addrs.push(…), ns.neighbours.splice(…), bridge.fdb.set(…)
        if (MUTATORS.has(callee.name.text) && ts.isPropertyAccessExpression(owner) && isCollection(owner) && declaredByKernel(owner.expression)) report(node);
        // Object.assign(dev.stats, …)
        if (ts.isIdentifier(owner) && owner.text === 'Object' && callee.name.text === 'assign' && node.arguments[0] && declaredByKernel(node.arguments[0])) report(node);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}
