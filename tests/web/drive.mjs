// Drives the web edition in Chromium (puppeteer-core, the system's browser), as a reader would:
// node drive.mjs BASE_URL < steps.json, where each step is [action, argument]; prints what was seen as
// JSON, with every request that did not go to 127.0.0.1 and every script error.
import fs from 'node:fs'
import path from 'node:path'
import puppeteer from 'puppeteer-core'

const base = process.argv[2]
const steps = JSON.parse(fs.readFileSync(0, 'utf8'))
const axe = path.join(path.dirname(new URL(import.meta.url).pathname), 'node_modules', 'axe-core', 'axe.min.js')
const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: 'new',
  args: ['--no-sandbox', '--disable-gpu'] })
const outside = []
const errors = []
const page = await browser.newPage()
page.on('request', r => { if (!/^(http:\/\/127\.0\.0\.1[:/]|data:|about:|blob:)/.test(r.url())) outside.push(r.url()) })
page.on('pageerror', e => errors.push(String(e)))

const box = sel => page.$eval(sel, e => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height } })

const actions = {
  async open ({ url, width = 1400, height = 1000, script = true, dark = false }) {
    await page.setJavaScriptEnabled(script)
    await page.setViewport({ width, height })
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: dark ? 'dark' : 'light' }])
    await page.goto(base + url, { waitUntil: 'networkidle0' })
    await page.evaluate(() => document.fonts.ready)
    return { url: page.url(), fonts: await page.evaluate(() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family + ' ' + f.style + ' ' + f.weight)) }
  },
  async download (selector) {
    const folder = fs.mkdtempSync(path.join(process.env.HOME, 'download-'))
    const cdp = await page.createCDPSession()
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: folder })
    await page.click(selector)
    for (let i = 0; i < 200; i++) {
      const done = fs.readdirSync(folder).filter(n => !n.endsWith('.crdownload'))
      if (done.length) { await new Promise(r => setTimeout(r, 200)); return { file: path.join(folder, done[0]) } }
      await new Promise(r => setTimeout(r, 100))
    }
    return { error: 'no download' }
  },
  async note (call) {
    // the note's box before and after its call is followed (a click on a narrow screen shows it)
    const id = await page.$eval(call, a => a.getAttribute('href').slice(1))
    await page.$eval(call, a => a.scrollIntoView({ block: 'center' }))
    const before = await box('#' + id)
    const seen = () => page.$eval('#' + id, e => { const r = e.getBoundingClientRect(); return r.width > 100 && r.height > 5 && r.y > -2 && r.y < window.innerHeight })
    const visibleBefore = await seen()
    await page.click(call)
    await new Promise(r => setTimeout(r, 200))
    const after = await box('#' + id)
    const shown = await page.$eval('#' + id, e => e.innerText)
    const callBox = await box(call)
    return { before, after, callBox, text: shown, number: await page.$eval(call, a => a.textContent),
      visibleBefore, visible: await seen() }
  },
  async follow (selector) {
    const nav = page.waitForNavigation({ waitUntil: 'networkidle0' })
    await page.click(selector)
    await nav
    await new Promise(r => setTimeout(r, 200))
    const hash = await page.evaluate(() => location.hash.slice(1))
    return { url: page.url(), hash, text: await page.evaluate(h => document.getElementById(h)?.textContent ?? '', hash),
      inView: await page.evaluate(h => { const e = document.getElementById(h); if (!e) return false; const r = e.getBoundingClientRect(); return r.y >= 0 && r.y < window.innerHeight }, hash) }
  },
  async search (query) {
    const visible = await page.$eval('form.search', f => !f.hidden && f.offsetParent !== null)
    if (!visible) return { visible }
    await page.type('#search-box', query)
    await page.waitForSelector('.search-results a, .search-results p', { timeout: 5000 }).catch(() => null)
    await new Promise(r => setTimeout(r, 300))
    return { visible, results: await page.$$eval('.search-results a', as => as.map(a => [a.textContent, a.getAttribute('href')])) }
  },
  async state () {
    return { searchShown: await page.$eval('form.search', f => f.offsetParent !== null),
      noscript: await page.evaluate(() => { const p = document.querySelector('.no-script'); return !!p && p.offsetParent !== null }),
      title: await page.title() }
  },
  async axe () {
    await page.addScriptTag({ path: axe })
    const found = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations)
    return found.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.html.slice(0, 200)) }))
  },
  async shoot ({ file, full = false }) {
    await page.screenshot({ path: file, fullPage: full })
    return { file }
  }
}

const results = []
try {
  for (const [action, arg] of steps) results.push(await actions[action](arg))
} catch (e) {
  results.push({ error: String(e) })
} finally {
  await browser.close()
}
console.log(JSON.stringify({ results, errors, outside }))
