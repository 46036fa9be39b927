// Drives harness.html in Chromium (puppeteer-core, the system's browser): reads the steps as JSON on
// stdin, prints what the reader showed as JSON. node drive.mjs URL < steps.json
import puppeteer from 'puppeteer-core'

const url = process.argv[2]
const steps = JSON.parse(await new Promise(r => { let s = ''; process.stdin.on('data', d => s += d); process.stdin.on('end', () => r(s)) }))
const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: 'new',
  args: ['--no-sandbox', '--disable-gpu'] })
const outside = []
try {
  const page = await browser.newPage()
  page.on('request', r => { if (!/^(http:\/\/127\.0\.0\.1[:/]|blob:|data:|about:)/.test(r.url())) outside.push(r.url()) })
  const errors = []
  page.on('pageerror', e => errors.push(String(e)))
  await page.goto(url)
  await page.waitForFunction('window.readerReady === true')
  const results = []
  for (const [action, arg] of steps) {
    results.push(await page.evaluate((a, x) => window.reader[a](x), action, arg))
  }
  console.log(JSON.stringify({ results, errors, outside }))
} finally {
  await browser.close()
}
