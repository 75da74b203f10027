// `npm run docs:check` (after `npm run docs`, which fails on any typedoc
// warning: a broken {@link} or relative path, a type that the docs reference
// but nothing exports, a @param that names no parameter): checks the built
// site in docs-site/ and its model in .tmp/docs-api.json.
//   - every entry has a module comment, and every export, and every public
//     member of an exported class or interface, has a summary (typedoc's own
//     `notDocumented` also demands prose for the inline members of type
//     literals, which are not exports);
//   - every relative link and image in every page points at a file that
//     exists, and every #fragment at an id on that page;
//   - every runtime export of every entry (read from the built ESM files in
//     dist/) has its own page, under its module's page;
//   - the front page is the README, with the Python -> ctxlib mapping, and
//     links to the examples;
//   - in headless Chromium, the front page and the ExitStack page render
//     (asserted on their text), with screenshots in .tmp/docs-index.png and
//     .tmp/docs-api.png to look at.
// Prints `N passed, N failed`; exits 1 on any failure. CHROMIUM_PATH overrides
// /usr/bin/chromium.
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const SITE = join(ROOT, 'docs-site')
const SHOTS = join(ROOT, '.tmp')

const results = []
function check(name, problems) {
  results.push({ name, problems })
  const shown = problems.slice(0, 30).map((p) => `    ${p}`)
  if (problems.length > 30) shown.push(`    … and ${problems.length - 30} more`)
  console.log(problems.length === 0 ? `ok - ${name}` : `not ok - ${name}\n${shown.join('\n')}`)
}

if (!existsSync(join(SITE, 'index.html'))) {
  console.log('not ok - docs-site/index.html exists (run `npm run docs` first)')
  console.log('docs:check: 0 passed, 1 failed')
  process.exit(1)
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]))
}
const pages = walk(SITE).filter((f) => f.endsWith('.html'))
const html = new Map(pages.map((p) => [p, readFileSync(p, 'utf8')]))
const decode = (s) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
const idsOf = (text) => new Set([...text.matchAll(/\s(?:id|name)="([^"]*)"/g)].map((m) => decode(m[1])))

// ---- links ----
{
  const problems = []
  let checked = 0
  const external = new Set()
  for (const [page, text] of html) {
    for (const match of text.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      const link = decode(match[1])
      if (/^[a-z][a-z0-9+.-]*:/i.test(link)) {
        if (/^https?:/.test(link)) external.add(link)
        continue
      }
      if (link === '' || link === '#') continue
      const [pathPart, fragment] = link.split('#', 2)
      const target = pathPart === '' ? page : resolve(dirname(page), decodeURI(pathPart.split('?')[0]))
      checked++
      const where = relative(SITE, page)
      if (!target.startsWith(SITE)) {
        problems.push(`${where}: ${link} leaves the site`)
        continue
      }
      if (!existsSync(target)) {
        problems.push(`${where}: ${link} (no such file)`)
        continue
      }
      // SVG sprite fragments (#icon-…) name <g id> elements of icons.svg; every other fragment an id of an HTML page.
      if (fragment !== undefined && fragment !== '' && target.endsWith('.html')) {
        const targetText = html.get(target) ?? ''
        if (!idsOf(targetText).has(decodeURIComponent(fragment))) problems.push(`${where}: ${link} (no id "${fragment}")`)
      }
      if (fragment !== undefined && target.endsWith('.svg') && !readFileSync(target, 'utf8').includes(`id="${fragment}"`)) {
        problems.push(`${where}: ${link} (no id "${fragment}" in the sprite)`)
      }
    }
  }
  check(`links: ${checked} relative links in ${pages.length} pages resolve (${external.size} external ones not fetched: no network)`, problems)
}

// ---- the model: which module is which entry, and what is documented ----
const model = JSON.parse(readFileSync(join(ROOT, '.tmp', 'docs-api.json'), 'utf8'))
const ENTRY_FILES = { 'src/index.ts': 'index', 'src/ponyfill/index.ts': 'ponyfill', 'src/polyfill.ts': 'polyfill', 'src/node/index.ts': 'node' }
const modules = (model.children ?? []).map((m) => ({ reflection: m, dist: ENTRY_FILES[model.symbolIdMap[m.id]?.packagePath] }))
// typedoc's file name for a module: its name with every other character than a letter, digit, `-` or `.` replaced.
const slug = (name) => name.replace(/[^\w.-]/g, '_')
{
  const text = (comment) => (comment?.summary ?? []).map((part) => part.text).join('').trim()
  const documented = (r) => text(r.comment) !== '' || (r.signatures?.length > 0 && r.signatures.every((s) => text(s.comment) !== '')) ||
    (r.getSignature !== undefined && text(r.getSignature.comment) !== '')
  const KIND = { 2: 'module', 32: 'variable', 64: 'function', 128: 'class', 256: 'interface', 512: 'constructor', 1024: 'property', 2048: 'method', 262144: 'accessor', 2097152: 'type alias', 4194304: 'reference' }
  const problems = []
  let count = 0
  if (modules.map((m) => m.dist).sort().join() !== 'index,node,polyfill,ponyfill') problems.push(`the modules are ${modules.map((m) => m.reflection.name).join(', ')}`)
  for (const { reflection: m } of modules) {
    count++
    if (text(m.comment) === '') problems.push(`module ${m.name}: no module comment (a /** … @module */ comment at the top of its entry file)`)
    for (const child of m.children ?? []) {
      if (KIND[child.kind] === 'reference') continue
      count++
      if (!documented(child)) problems.push(`${m.name}: ${KIND[child.kind] ?? child.kind} ${child.name} has no summary`)
      if (KIND[child.kind] !== 'class' && KIND[child.kind] !== 'interface') continue
      for (const member of child.children ?? []) {
        if (member.inheritedFrom !== undefined || member.flags?.isPrivate || member.flags?.isExternal) continue
        // A constructor without parameters (often implicit) has nothing to explain beyond its class.
        if (KIND[member.kind] === 'constructor' && member.signatures?.every((sig) => (sig.parameters ?? []).length === 0)) continue
        count++
        if (!documented(member)) problems.push(`${m.name}: ${child.name}.${member.name} (${KIND[member.kind] ?? member.kind}) has no summary`)
      }
    }
  }
  check(`documented: each of the ${count} modules, exports and public members has a summary`, problems)
}

// ---- every runtime export has a page ----
{
  const problems = []
  const names = new Set(pages.map((p) => relative(SITE, p)))
  let count = 0
  for (const { reflection: m, dist } of modules) {
    if (dist === undefined) continue
    const exported = Object.keys(await import(pathToFileURL(join(ROOT, 'dist', `${dist}.js`)).href))
    if (!names.has(`modules/${slug(m.name)}.html`)) problems.push(`no page for module ${m.name}`)
    for (const name of exported) {
      count++
      const page = ['classes', 'functions', 'variables', 'interfaces', 'types'].map((kind) => `${kind}/${slug(m.name)}.${name}.html`).find((p) => names.has(p))
      if (page === undefined) problems.push(`${m.name}: ${name} has no page`)
    }
  }
  check(`API: each of the ${count} runtime exports of the four entries has its own page`, problems)
}

// ---- the front page ----
{
  const index = html.get(join(SITE, 'index.html'))
  const text = decode(index.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ')
  const problems = []
  for (const expected of ['Python → ctxlib', 'withContext', 'contextlib', 'using']) if (!text.includes(expected)) problems.push(`no "${expected}"`)
  if (!/href="documents\/examples_README\.html"/.test(index)) problems.push('no link to the examples page')
  if (!/href="media\/quick-start\.ts"/.test(index)) problems.push('no link to examples/quick-start.ts')
  check('front page: the README, with the Python → ctxlib mapping and links to the examples', problems)
}

// ---- rendered in Chromium ----
{
  const problems = []
  try {
    const { chromium } = await import('playwright-core')
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    try {
      mkdirSync(SHOTS, { recursive: true })
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
      const errors = []
      page.on('pageerror', (error) => errors.push(error.message))
      const shots = [
        { file: 'index.html', shot: 'docs-index.png', heading: 'ctxlib', texts: ['Python → ctxlib', 'Install', 'ExitStack'] },
        { file: `classes/${slug(modules.find((m) => m.dist === 'index')?.reflection.name ?? 'index')}.ExitStack.html`, shot: 'docs-api.png', heading: 'ExitStack', texts: ['enterContext', 'popAll', 'callback'] },
      ]
      for (const { file, shot, heading, texts } of shots) {
        await page.goto(pathToFileURL(join(SITE, file)).href, { waitUntil: 'load' })
        const h1 = (await page.locator('h1').first().innerText()).trim()
        if (!h1.includes(heading)) problems.push(`${file}: the heading is "${h1}", not "${heading}"`)
        const body = await page.locator('body').innerText()
        for (const t of texts) if (!body.includes(t)) problems.push(`${file}: "${t}" is not shown`)
        // The navigation tree is filled in by the site's script: it must have run.
        const navLinks = await page.locator('.tsd-navigation a').count()
        if (navLinks < 10) problems.push(`${file}: the navigation has ${navLinks} links`)
        await page.screenshot({ path: join(SHOTS, shot) })
        console.log(`    screenshot: .tmp/${shot}`)
      }
      problems.push(...errors.map((e) => `script error: ${e}`))
    } finally {
      await browser.close()
    }
  } catch (error) {
    problems.push(`Chromium: ${error.message}`)
  }
  check('rendered: the front page and the ExitStack page in headless Chromium', problems)
}

const failed = results.filter((r) => r.problems.length > 0).length
console.log(`docs:check: ${results.length - failed} passed, ${failed} failed`)
process.exitCode = failed === 0 ? 0 : 1
