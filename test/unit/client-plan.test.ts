import path from 'node:path/posix';
import * as prettier from 'prettier';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_PACKAGES } from '../../lib/client-versions.js';
import { buildContext } from '../../lib/context.js';
import type { Framework, ProjectAnswers } from '../../lib/options.js';
import { planClientFiles } from '../../lib/plan/client.js';
import { renderPlan, type RenderedFile } from '../../lib/templates.js';

const ANSWERS: ProjectAnswers = {
  projectName: 'My Shop!',
  module: 'shop',
  backendDir: 'backend',
  clientDir: 'apps/web',
  framework: 'react-ts',
  herokuApp: 'my-shop',
  pythonVersion: '3.13',
  nodeVersion: '22',
  pythonDeps: 'pip',
  layout: 'subdir',
};

const FRAMEWORKS = Object.keys(CLIENT_PACKAGES) as Exclude<Framework, 'none'>[];

// The file that shows /api/health/ on the starter page.
const STARTER_PAGE: Record<Exclude<Framework, 'none'>, string> = {
  'react-ts': 'src/App.tsx',
  'vue-ts': 'src/App.vue',
  'svelte-ts': 'src/App.svelte',
  'vanilla-ts': 'src/main.ts',
};

// Extensions core prettier formats; .svelte needs a plugin and is left out.
const PRETTIER_CHECKED = new Set(['.ts', '.tsx', '.js', '.json', '.md', '.vue', '.css', '.html']);

describe('planClientFiles', () => {
  it('plans nothing for an API-only project', () => {
    expect(planClientFiles(buildContext({ ...ANSWERS, framework: 'none' }))).toEqual([]);
  });

  it.each([
    ['Über App', 'uber-app-client'],
    ['.hidden__', 'hidden-client'],
    ['???', 'app-client'],
    ['x'.repeat(300), `${'x'.repeat(200)}-client`],
  ])('names the client package of project %j %s', (projectName, expected) => {
    for (const framework of FRAMEWORKS) {
      const context = buildContext({ ...ANSWERS, projectName, framework });
      const files = renderPlan(planClientFiles(context), context);
      const pkg = files.find((file) => file.destination === 'apps/web/package.json');
      expect(JSON.parse(pkg!.contents).name).toBe(expected);
    }
  });

  describe.each(FRAMEWORKS)('%s', (framework) => {
    let files: RenderedFile[] = [];
    beforeAll(() => {
      const context = buildContext({ ...ANSWERS, framework });
      files = renderPlan(planClientFiles(context), context);
    });
    const read = (name: string): string => {
      const file = files.find((candidate) => candidate.destination === `apps/web/${name}`);
      if (!file) throw new Error(`${name} is not in the ${framework} plan`);
      return file.contents;
    };

    it('writes every file inside the client folder, with dotfiles renamed', () => {
      for (const file of files) expect(file.destination).toMatch(/^apps\/web\/[^_]/);
      expect(files.map((file) => file.destination)).toContain('apps/web/.gitignore');
      expect(read('.gitignore').split('\n')).toEqual(expect.arrayContaining(['node_modules', 'dist']));
    });

    it('pins exact versions and the Node major in package.json', () => {
      const pkg = JSON.parse(read('package.json'));
      const pinned = CLIENT_PACKAGES[framework];
      expect(pkg).toMatchObject({ name: 'my-shop-client', private: true, type: 'module' });
      expect(pkg.engines).toEqual({ node: '22.x' });
      expect(pkg.dependencies ?? {}).toEqual(pinned.dependencies);
      expect(pkg.devDependencies).toEqual(pinned.devDependencies);
      for (const version of Object.values({ ...pkg.dependencies, ...pkg.devDependencies })) {
        expect(version).toMatch(/^\d+\.\d+\.\d+$/);
      }
      expect(Object.keys(pkg.scripts)).toEqual(expect.arrayContaining(['dev', 'build', 'preview']));
      expect(pkg.scripts.build).toMatch(/^\S*(tsc|svelte-check)\b.* && vite build$/);
    });

    it('builds under /static/ into dist and proxies the API to Django in development', () => {
      const config = read('vite.config.ts');
      expect(config).toContain('defineConfig(({ command }) => ({');
      expect(config).toMatch(/base: command === "build" \? "\/static\/" : "\/",/);
      expect(config).toMatch(/build: \{ outDir: "dist" \}/);
      expect(config).toContain('target: `http://127.0.0.1:${process.env.DJANGO_PORT ?? "8000"}`,');
      expect(config).toContain('changeOrigin: false,');
      expect(config).toMatch(/"\/api": django,/);
      expect(config).toMatch(/"\/static\/": django,/);
      expect(config).toContain('[`^/${adminPath}(/|$)`]: django,');
      // Vite's default asset names carry the content hash; nothing may override them.
      expect(config).not.toMatch(/FileNames|rollupOptions|rolldownOptions/);
    });

    it('has a starter page that shows the status and database of /api/health/', () => {
      expect(read('src/health.ts')).toContain('fetch("/api/health/"');
      const page = read(STARTER_PAGE[framework]);
      expect(page).toMatch(/fetchHealth\(/);
      expect(page).toMatch(/\bstatus\b/);
      expect(page).toMatch(/\bdatabase\b/);
      expect(read('index.html')).toContain('<title>My Shop!</title>');
    });

    it('renders prettier-clean text files', async () => {
      const checked = files.filter((file) => PRETTIER_CHECKED.has(path.extname(file.destination)));
      expect(checked.length).toBeGreaterThan(5);
      const unformatted: string[] = [];
      for (const file of checked) {
        if (!(await prettier.check(file.contents, { filepath: file.destination }))) unformatted.push(file.destination);
      }
      expect(unformatted).toEqual([]);
    });
  });
});
