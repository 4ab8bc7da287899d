/**
 * The import graph of src/, read with TypeScript's own parser: every static import and export-from,
 * every dynamic import() with a literal specifier, and whether an import is only for types (erased
 * from the JavaScript, so it ships nothing). Paths are relative to the repository root.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';

export interface ImportEdge {
  /** The importing file, e.g. src/sandbox/sim/kernel/netns.ts. */
  from: string;
  /** The imported file for a relative specifier, else the bare specifier (`node:fs`, `ws`). */
  to: string;
  /** Only types are imported: nothing of the target reaches the JavaScript. */
  typeOnly: boolean;
}

export interface SourceFile {
  path: string;
  edges: ImportEdge[];
  /** Identifiers used in the file's code (not comments or strings), for rules about globals such as Buffer. */
  identifiers: ReadonlySet<string>;
}

const SOURCE_EXTENSIONS = ['.ts', '.mts'];

/** Parse one file's imports and identifiers. */
export function parseSource(path: string, text: string): SourceFile {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  const identifiers = new Set<string>();
  const add = (specifier: string, typeOnly: boolean) => edges.push({ from: path, to: resolveSpecifier(path, specifier), typeOnly });
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, isTypeOnlyImport(node));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) add(argument.text, false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, true);
    } else if (ts.isIdentifier(node)) {
      identifiers.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { path, edges, identifiers };
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  // `import { type A, type B } from` is erased too; a default or namespace import is not.
  return clause.name === undefined && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
}

/** A relative specifier as a repository path; bare specifiers unchanged. */
function resolveSpecifier(from: string, specifier: string): string {
  return specifier.startsWith('.') ? normalize(join(dirname(from), specifier)) : specifier;
}

/** Every TypeScript file under `folder` (repository-relative), parsed. */
export function readSources(root: string, folder: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (SOURCE_EXTENSIONS.some((extension) => entry.name.endsWith(extension)) && !entry.name.endsWith('.d.ts')) {
        files.push(parseSource(relative(root, join(root, path)), readFileSync(join(root, path), 'utf8')));
      }
    }
  };
  walk(folder);
  return files;
}
