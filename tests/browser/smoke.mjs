// Browser tests (AUTH-1, AUTH-2, AUTH-3, AUD-2, SRCH-3, ACC-6): a practitioner
// signs in with a computed code, searches with a reason, opens a record and
// signs out; wrong and replayed codes are refused; the time-out warning
// appears and "Stay signed in" keeps the session, while ignoring it signs
// the user out; suspending an account ends its live session at once.
// Run by run-browser-tests.sh.
import { createRequire } from 'node:module'
import { execFileSync } from 'node:child_process'
import assert from 'node:assert/strict'

const [base, cli, db, keys, shots, surname, dob, webDir, shortBase, shieldArg, sensitiveId, uploadFile] =
  process.argv.slice(2)
const [shieldId, shieldSurname, shieldDob, shieldPostcode] = shieldArg.split('|')
// playwright-core is installed under web/ (pinned by its package-lock.json).
const { chromium } = createRequire(`${webDir}/package.json`)('playwright-core')
const code = (user) => execFileSync(cli, ['demo-code', '--db', db, '--keys', keys, user]).toString().trim()
const wait = (ms) => new Promise((r) => setTimeout(r, ms))
// A fresh 30-second step, so each sign-in gets a code not yet used.
const nextStep = async () => { await wait((30 - (Math.floor(Date.now() / 1000) % 30)) * 1000 + 500) }

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run', '--disable-quic'],
})
let passed = 0
let failed = 0
async function test(name, fn) {
  const page = await (await browser.newContext()).newPage()
  try {
    await fn(page)
    passed++
    console.log(`ok - ${name}`)
  } catch (e) {
    failed++
    console.log(`not ok - ${name}: ${e.message}`)
    await page.screenshot({ path: `${shots}/FAILED-${name.replace(/\W+/g, '_')}.png`, fullPage: true }).catch(() => {})
  }
}

async function signIn(page, user, c, at = base) {
  await page.goto(`${at}/sign-in`)
  await page.fill('#username', user)
  await page.fill('#password', 'harbour lantern meadow')
  await page.fill('#code', c)
  await page.click('button[type=submit]')
}

await test('sign in, search with a reason, open a record, sign out', async (page) => {
  await signIn(page, 'demo.practitioner', code('demo.practitioner'))
  await page.waitForSelector('h1:has-text("Welcome")')
  assert.ok(await page.locator('#timeout-warning').count() === 1, 'time-out warning present')
  await page.screenshot({ path: `${shots}/home.png`, fullPage: true })
  await page.click('text=Search for a child')
  // AUD-2: without a reason the search is refused.
  await page.fill('#surname', surname)
  await page.click('button:has-text("Search")')
  await page.waitForSelector('.govuk-error-summary')
  assert.match(await page.textContent('.govuk-error-summary'), /reason/)
  await page.check('#reason-coordinating_services')
  const [y, m, d] = dob.split('-')
  await page.fill('#dob_day', String(Number(d)))
  await page.fill('#dob_month', String(Number(m)))
  await page.fill('#dob_year', y)
  await page.click('button:has-text("Search")')
  await page.waitForSelector('h1:has-text("Search results")')
  await page.screenshot({ path: `${shots}/results.png`, fullPage: true })
  await page.locator('table a').first().click()
  await page.waitForSelector('text=Practitioners and services involved')
  await page.screenshot({ path: `${shots}/record.png`, fullPage: true })
  await page.click('#sign-out')
  await page.waitForSelector('text=You have signed out')
  await page.goto(`${base}/search`)
  assert.match(page.url(), /sign-in/)
})

await test('a wrong code is refused with the generic message', async (page) => {
  await signIn(page, 'demo.manager', '000000')
  await page.waitForSelector('.govuk-error-summary')
  assert.match(await page.textContent('.govuk-error-summary'), /user name, password or security code is not right/)
})

await test('a replayed code is refused', async (page) => {
  await nextStep()
  const c = code('demo.support')
  await signIn(page, 'demo.support', c)
  await page.waitForSelector('h1:has-text("Welcome")')
  const again = await (await browser.newContext()).newPage()
  await signIn(again, 'demo.support', c)
  await again.waitForSelector('.govuk-error-summary')
  await again.screenshot({ path: `${shots}/replay-refused.png`, fullPage: true })
})

async function searchFor(page, fields) {
  await page.goto(`${base}/search`)
  await page.check('#reason-coordinating_services')
  for (const [id, value] of Object.entries(fields)) await page.fill(`#${id}`, value)
  await page.click('button:has-text("Search")')
  await page.waitForSelector('h1:has-text("Search results")')
}

// SHD-3, SHD-2: a named shielder shields a record; a practitioner then sees
// it as minimal and cannot find it by its postcode.
await test('a shielded record is minimal and cannot be found by its postcode', async (page) => {
  await signIn(page, 'demo.shielder', code('demo.shielder'))
  await page.waitForSelector('h1:has-text("Welcome")')
  await page.goto(`${base}/records/${shieldId}`)
  await page.click('#ask-to-shield')
  await page.check('#grounds-risk_to_child')
  await page.fill('#relationship', 'Allocated social worker')
  await page.screenshot({ path: `${shots}/shield-request.png`, fullPage: true })
  await page.click('button:has-text("Send the request")')
  await page.waitForSelector('text=Your request has been sent')
  assert.match(await page.textContent('#shield-requests'), /In force/)

  const viewer = await (await browser.newContext()).newPage()
  await nextStep()
  await signIn(viewer, 'demo.practitioner', code('demo.practitioner'))
  await viewer.waitForSelector('h1:has-text("Welcome")')
  await searchFor(viewer, { surname: shieldSurname, postcode: shieldPostcode })
  assert.equal(await viewer.locator(`a[href="/records/${shieldId}"]`).count(), 0,
    'not found by the postcode it hides')
  const [y, m, d] = shieldDob.split('-')
  await searchFor(viewer, { surname: shieldSurname, dob_day: String(Number(d)), dob_month: String(Number(m)), dob_year: y })
  await viewer.click(`a[href="/records/${shieldId}"]`)
  await viewer.waitForSelector('text=This record is shielded')
  assert.equal(await viewer.locator('text=Practitioners and services involved').count(), 0)
  assert.ok(!(await viewer.textContent('main')).includes(shieldPostcode), 'no postcode on the page')
  await viewer.screenshot({ path: `${shots}/shielded-minimal.png`, fullPage: true })
})

// BG-1 … BG-3: a named holder re-authenticates with a fresh code and a
// reason, sees the full record, and an investigation reaches the manager.
await test('break glass shows the full record and opens an investigation', async (page) => {
  await signIn(page, 'demo.police', code('demo.police'))
  await page.waitForSelector('h1:has-text("Welcome")')
  await page.goto(`${base}/records/${shieldId}`)
  await page.waitForSelector('text=This record is shielded')
  await page.click('#break-glass')
  await page.fill('#reason', 'Child reported missing overnight; immediate risk')
  await page.fill('#password', 'harbour lantern meadow')
  await nextStep()
  await page.fill('#code', code('demo.police'))
  await page.click('button:has-text("Override the shield")')
  await page.waitForSelector('text=Emergency override')
  await page.waitForSelector('text=Practitioners and services involved')
  assert.ok((await page.textContent('main')).includes(shieldPostcode), 'the full record, address included')
  await page.screenshot({ path: `${shots}/break-glass-full.png`, fullPage: true })
  // For that access only: the ordinary view is minimal again.
  await page.goto(`${base}/records/${shieldId}`)
  await page.waitForSelector('text=This record is shielded')

  const manager = await (await browser.newContext()).newPage()
  await signIn(manager, 'demo.la.manager', code('demo.la.manager'))
  await manager.waitForSelector('h1:has-text("Welcome")')
  await manager.click('text=Break-glass investigations')
  await manager.waitForSelector('.investigation')
  const queue = await manager.textContent('main')
  assert.match(queue, /Dan Frost/)
  assert.match(queue, /Child reported missing overnight/)
  await manager.screenshot({ path: `${shots}/investigations.png`, fullPage: true })
})

// SHD-4: the manager cannot unshield while a request remains, and can once
// the requester has withdrawn it.
await test('unshielding waits until every request is withdrawn', async (page) => {
  await nextStep()
  await signIn(page, 'demo.la.manager', code('demo.la.manager'))
  await page.waitForSelector('h1:has-text("Welcome")')
  await page.goto(`${base}/records/${shieldId}`)
  await page.fill('#note', 'Panel decided the risk has passed')
  await page.click('#unshield')
  await page.waitForSelector('.govuk-error-summary')
  assert.match(await page.textContent('.govuk-error-summary'), /request remains/)
  await page.screenshot({ path: `${shots}/unshield-refused.png`, fullPage: true })

  const shielder = await (await browser.newContext()).newPage()
  await signIn(shielder, 'demo.shielder', code('demo.shielder'))
  await shielder.waitForSelector('h1:has-text("Welcome")')
  await shielder.goto(`${base}/records/${shieldId}`)
  await shielder.click('#shield-requests button:has-text("Withdraw")')
  await shielder.waitForSelector('text=Withdrawn')

  await page.goto(`${base}/records/${shieldId}`)
  await page.fill('#note', 'Panel decided the risk has passed')
  await page.click('#unshield')
  await page.waitForSelector('text=The record is no longer shielded')
  await page.screenshot({ path: `${shots}/unshielded.png`, fullPage: true })
})

// REC-5, SENS-4: a user sees only that a sensitive service is involved, and
// asks the management team to broker contact; the request reaches its queue.
await test('a sensitive service is shown unnamed and contact can be brokered', async (page) => {
  await nextStep()
  await signIn(page, 'demo.practitioner', code('demo.practitioner'))
  await page.waitForSelector('h1:has-text("Welcome")')
  await page.goto(`${base}/records/${sensitiveId}`)
  await page.waitForSelector('text=A sensitive service is involved with this child')
  await page.screenshot({ path: `${shots}/sensitive-service.png`, fullPage: true })
  await page.locator('.broker-link').first().click()
  await page.fill('#reason', 'Need to coordinate support for the child after an exclusion')
  await page.click('button:has-text("Send the request")')
  await page.waitForSelector('.govuk-error-summary')  // the contact details are required
  await page.fill('#requester_contact', '0113 496 0999')
  await page.click('button:has-text("Send the request")')
  await page.waitForSelector('text=Your request has been sent')
  assert.match(await page.textContent('#my-brokering'), /Received/)
  await page.screenshot({ path: `${shots}/brokering-mine.png`, fullPage: true })

  const manager = await (await browser.newContext()).newPage()
  await signIn(manager, 'demo.la.manager', code('demo.la.manager'))
  await manager.waitForSelector('h1:has-text("Welcome")')
  await manager.goto(`${base}/brokering`)
  await manager.waitForSelector('.brokering-item')
  assert.match(await manager.textContent('main'), /Need to coordinate support/)
  await manager.fill('.brokering-item input[name=to_whom]', 'Sexual health service duty lead')
  await manager.click('.brokering-item button:has-text("Record passing it on")')
  await manager.waitForSelector('text=Passed on')
  await manager.screenshot({ path: `${shots}/brokering-queue.png`, fullPage: true })
})

// ACC-6, AUTH-2: suspension takes effect at once on live sessions.
await test('suspending an account ends its live session at once', async (page) => {
  await nextStep()
  await signIn(page, 'demo.shielder', code('demo.shielder'))
  await page.waitForSelector('h1:has-text("Welcome")')
  execFileSync(cli, ['user', 'suspend', '--db', db, '--keys', keys, '--reason', 'investigation',
    '--note', 'browser test', 'demo.shielder'])
  try {
    await page.goto(`${base}/search`)
    assert.match(page.url(), /sign-in/, 'a suspended user is sent to sign in')
    await page.screenshot({ path: `${shots}/suspended-signed-out.png`, fullPage: true })
  } finally {
    execFileSync(cli, ['user', 'reactivate', '--db', db, '--keys', keys, 'demo.shielder'])
  }
})

// FEED-2, FEED-3, FEED-6, FEED-7: a data administrator uploads a source's
// file in the browser, reads the upload's report (new records, the refused
// row by number and field), then the review queue and the data quality report.
await test('a data administrator uploads a source file and reads its report', async (page) => {
  await signIn(page, 'demo.data.admin', code('demo.data.admin'))
  await page.waitForSelector('h1:has-text("Welcome")')
  await page.click('#upload-link')
  await page.waitForSelector('h1:has-text("Upload a data source")')
  await page.selectOption('#source_id', { index: 0 })
  await page.setInputFiles('#file', uploadFile)
  await page.click('#upload')
  await page.waitForSelector('#upload-report')
  const report = (await page.textContent('#upload-report')).replace(/\s+/g, ' ')
  assert.match(report, /New records\s*2/)
  assert.match(report, /Refused as unusable\s*1/)
  const problems = (await page.textContent('#upload-problems')).replace(/\s+/g, ' ')
  assert.match(problems, /3\s*surname/)
  assert.doesNotMatch(problems, /Nobody/, 'a refused row is reported without its values')
  await page.screenshot({ path: `${shots}/upload-report.png`, fullPage: true })
  await page.goto(`${base}/data-review`)
  await page.waitForSelector('h1:has-text("Matching and cleansing")')
  await page.screenshot({ path: `${shots}/review-queue.png`, fullPage: true })
  await page.goto(`${base}/data-quality`)
  await page.waitForSelector('h1:has-text("Data quality")')
  assert.match(await page.textContent('main'), /Leeds-school-census/)
  await page.screenshot({ path: `${shots}/data-quality.png`, fullPage: true })
})

// AUTH-2 with GOV.UK's time-out warning, on the instance whose sessions idle
// out after a minute with the warning ten seconds in.
await test('the time-out warning offers to stay signed in, and staying keeps the session', async (page) => {
  await signIn(page, 'demo.police', code('demo.police'), shortBase)
  await page.waitForSelector('h1:has-text("Welcome")')
  const warning = page.locator('#timeout-warning')
  assert.equal(await warning.isVisible(), false, 'no warning at first')
  const firstExpiry = Number(await warning.getAttribute('data-expires-at'))
  await warning.waitFor({ state: 'visible', timeout: 20000 })
  assert.match(await warning.textContent(), /sign you out in 50 seconds/)
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Stay signed in')
  await page.screenshot({ path: `${shots}/timeout-warning.png`, fullPage: true })
  await page.click('#timeout-warning button')
  await page.waitForSelector('h1:has-text("Welcome")')
  assert.equal(await page.locator('#timeout-warning').isVisible(), false, 'warning gone after staying')
  const renewed = Number(await page.locator('#timeout-warning').getAttribute('data-expires-at'))
  assert.ok(renewed > firstExpiry, `expiry moved on (${firstExpiry} -> ${renewed})`)
})

await test('ignoring the time-out warning signs the user out', async (page) => {
  await signIn(page, 'demo.la.manager', code('demo.la.manager'), shortBase)
  await page.waitForSelector('h1:has-text("Welcome")')
  await page.waitForURL(/signed-out\?timeout=1/, { timeout: 75000 })
  await page.waitForSelector('text=You were signed out because you were inactive')
  await page.screenshot({ path: `${shots}/timed-out.png`, fullPage: true })
  await page.goto(`${shortBase}/`)
  assert.match(page.url(), /sign-in/, 'the session is over on the server too')
})

await browser.close()
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
