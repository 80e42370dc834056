import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';
import * as contracts from '../contracts/index';

// Every path the SPA's router serves, read from the source (src/app/app.routes.ts and the feature
// *.routes.ts files its loadChildren import), so the accessibility sweep can prove it visits them
// all. Read as TypeScript syntax, not run: the route files import Angular, which Node cannot load.

const APP_ROUTES = resolve(__dirname, '../src/app/app.routes.ts');

/** Full paths such as `orders/:id` or `expenses/import/rules`; `**` for the not-found page. Redirects are left out. */
export function routerPaths(file = APP_ROUTES, exportName = 'routes', prefix = ''): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const constants = new Map<string, string>(); // WELCOME_PAGE_PATH and the like, from @maestro/contracts
  source.forEachChild((node) => {
    if (ts.isImportDeclaration(node) && node.moduleSpecifier.getText(source).includes('@maestro/contracts')) {
      for (const name of importedNames(node)) constants.set(name, contractConstant(name));
    }
  });
  const routes = exportedArray(source, exportName);
  if (!routes) throw new Error(`${file} exports no route array named ${exportName}`);
  return pathsOf(routes, prefix, { file, source, constants });
}

interface Context {
  file: string;
  source: ts.SourceFile;
  constants: Map<string, string>;
}

function pathsOf(routes: ts.ArrayLiteralExpression, prefix: string, context: Context): string[] {
  return routes.elements.flatMap((element) => {
    if (!ts.isObjectLiteralExpression(element)) throw new Error(`${context.file}: a route that is not an object literal`);
    const property = (name: string) =>
      element.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(context.source) === name)?.initializer;
    const own = pathValue(property('path'), context);
    const full = [prefix, own].filter(Boolean).join('/');
    const children = property('children');
    const loadChildren = property('loadChildren');
    if (children && ts.isArrayLiteralExpression(children)) return pathsOf(children, full, context);
    if (loadChildren) {
      const [, from, name] = /import\('([^']+)'\)\.then\(\(m\) => m\.(\w+)\)/.exec(loadChildren.getText(context.source)) ?? [];
      if (!from) throw new Error(`${context.file}: a loadChildren not written as import('…').then((m) => m.NAME)`);
      return routerPaths(resolve(dirname(context.file), `${from}.ts`), name, full);
    }
    return property('redirectTo') ? [] : [full];
  });
}

function pathValue(node: ts.Expression | undefined, context: Context): string {
  if (!node) return '';
  if (ts.isStringLiteral(node)) return node.text;
  const constant = context.constants.get(node.getText(context.source));
  if (constant === undefined) throw new Error(`${context.file}: a route path that is neither a string nor a contracts constant`);
  return constant;
}

function exportedArray(source: ts.SourceFile, name: string): ts.ArrayLiteralExpression | undefined {
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (declaration.name.getText(source) === name && declaration.initializer && ts.isArrayLiteralExpression(declaration.initializer)) {
        return declaration.initializer;
      }
    }
  }
  return undefined;
}

function importedNames(node: ts.ImportDeclaration): string[] {
  const bindings = node.importClause?.namedBindings;
  return bindings && ts.isNamedImports(bindings) ? bindings.elements.map((element) => element.name.text) : [];
}

function contractConstant(name: string): string {
  const value = (contracts as Record<string, unknown>)[name];
  if (typeof value !== 'string') throw new Error(`@maestro/contracts has no string constant ${name}`);
  return value;
}
