// Browser tests (AUTH-1, AUTH-2, AUTH-3, AUD-2, SRCH-3, ACC-6): a practitioner
// signs in with a computed code, searches with a reason, opens a record and
// signs out; wrong and replayed codes are refused; the time-out warning
// appears and "Stay signed in" keeps the session, while ignoring it signs
// the user out; suspending an account ends its live session at once; a data
// administrator uploads files, works the review queue (link, create new, not
// the same child), merges two records of one child and undoes it (FEED-6);
// a practitioner amends a record — a new address applied at once, a date of
// birth and a surname queued — and a data administrator applies one on their
// own verification and rejects the other with a reason (UPD-1, UPD-2).
// Run by run-browser-tests.sh.
import { createRequire } from 'node:module'
import { execFileSync } from 'node:child_process'
import assert from 'node:assert/strict'

const [base, cli, db, keys, shots, surname, dob, webDir, shortBase, shieldArg, sensitiveId, uploadFile,
       reviewFile, amendArg, ...reviewArgs] = process.argv.slice(2)
const [shieldId, shieldSurname, shieldDob, shieldPostcode] = shieldArg.split('|')
// UPD-1, UPD-2: the child whose record demo.practitioner amends
// (run-browser-tests.sh): a new address in Leeds, applied at once; a date of
// birth a day earlier (newDob), queued and applied by the data
// administrator; a new surname, queued and rejected.
const amendChild = (([id, forenames, surname, dob, newDob, postcode]) =>
  ({ id, forenames, surname, dob, newDob, postcode }))(amendArg.split('|'))
// FEED-6: the four children whose rows reviewFile sends again under a
// nickname from another postcode (run-browser-tests.sh): the first row is
// linked to its record, the second made a new record (then merged into the
// child's record and the merge undone), the third is not the same child,
// the fourth is reported back to its source as not usable (G 4.52).
const [linkChild, createChild, notSameChild, unusableChild] = reviewArgs.map((arg) => {
  const [id, forenames, nickname, surname, dob, postcode, newPostcode] = arg.split('|')
  return { id, forenames, nickname, surname, dob, postcode, newPostcode }
})
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
// A test runs in a fresh browser context, or in `context` to keep a session.
async function test(name, fn, context) {
  const page = await (context ?? (await browser.newContext())).newPage()
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

// demo.data.admin's session, kept from this test for the FEED-6 tests after
// it: a second sign-in would wait for a fresh code.
const adminContext = await browser.newContext()
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
}, adminContext)

// FEED-6: the data administrator's review queue, merge and unmerge, in
// demo.data.admin's session from the upload test above.
const text = async (locator) => (await locator.textContent()).replace(/\s+/g, ' ')
const dobParts = (iso) => {
  const [y, m, d] = iso.split('-')
  return { dob_day: String(Number(d)), dob_month: String(Number(m)), dob_year: y }
}
// The queued row of `child` (sent as its nickname), opened from the queue;
// returns the review's id.
async function openQueuedRow(page, child) {
  await page.goto(`${base}/data-review`)
  await page.waitForSelector('h1:has-text("Matching and cleansing")')
  const link = page.locator(`#review-queue tr:has-text("${child.nickname} ${child.surname}") a`)
  assert.equal(await link.count(), 1, `the queue lists ${child.nickname} ${child.surname} once`)
  const reviewId = (await link.getAttribute('href')).split('/').pop()
  await link.click()
  await page.waitForSelector('h1:has-text("Is this a child ContactPoint holds?")')
  return reviewId
}
// After a decision: the queue says so and no longer lists the row.
async function assertDecided(page, reviewId) {
  await page.waitForSelector('text=The decision has been recorded')
  assert.match(page.url(), /\/data-review\?decided=1$/)
  assert.equal(await page.locator(`a[href="/data-review/${reviewId}"]`).count(), 0,
    'the decided row has left the queue')
}
// The search results for a child's surname and date of birth, as rows of
// { id, name, uin, text }.
async function recordsOf(page, child) {
  await searchFor(page, { surname: child.surname, ...dobParts(child.dob) })
  const rows = []
  for (const row of await page.locator('table tbody tr').all()) {
    const cells = row.locator('td')
    rows.push({
      id: (await cells.nth(0).locator('a').getAttribute('href')).split('/').pop(),
      name: (await text(cells.nth(0).locator('a'))).trim(),
      dob: (await text(cells.nth(1))).trim(),
      uin: (await text(cells.nth(4))).trim(),
      text: await text(row),
    })
  }
  // The search also finds namesakes born on a near date (Bobby Davies, 16
  // December, for Oliver Davies, 16 May): the child's records are those of
  // its surname and the date of birth its own record shows.
  const own = rows.find((r) => r.id === String(child.id))
  assert.ok(own, `${child.surname}, ${child.dob}: the child's own record is found`)
  return rows.filter((r) => r.dob === own.dob && r.name.endsWith(` ${child.surname}`))
}

await test('FEED-6: a data administrator uploads a file whose rows go to the review queue', async (page) => {
  await page.goto(`${base}/uploads`)
  await page.waitForSelector('h1:has-text("Upload a data source")')
  await page.selectOption('#source_id', { index: 0 })
  await page.setInputFiles('#file', reviewFile)
  await page.click('#upload')
  await page.waitForSelector('#upload-report')
  const report = await text(page.locator('#upload-report'))
  assert.match(report, /Sent to the review queue\s*4/)
  assert.match(report, /Linked to an existing record\s*0/)
  assert.match(report, /New records\s*0/)
  await page.screenshot({ path: `${shots}/review-upload-report.png`, fullPage: true })
  await page.goto(`${base}/data-review`)
  const queue = await text(page.locator('#review-queue'))
  for (const c of [linkChild, createChild, notSameChild, unusableChild]) {
    assert.ok(queue.includes(`${c.nickname} ${c.surname}`), `${c.nickname} ${c.surname} is queued`)
  }
  assert.match(queue, /Leeds-school-census/)
  await page.screenshot({ path: `${shots}/review-queue-rows.png`, fullPage: true })
}, adminContext)

await test('FEED-3, G 4.52: a data administrator reports a queued row back to its source as not usable', async (page) => {
  const c = unusableChild
  const reviewId = await openQueuedRow(page, c)
  // Without a reason: the error leads to the box, and nothing is decided.
  await page.click('#decide-unusable')
  await page.waitForSelector('.govuk-error-summary')
  assert.match(await text(page.locator('.govuk-error-summary')), /Say why the row is not usable/)
  await page.click('.govuk-error-summary a')
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'reason', 'the summary leads to the box')
  await page.fill('#reason', 'The date of birth and the NHS number belong to different patients')
  await page.screenshot({ path: `${shots}/review-unusable.png`, fullPage: true })
  await page.click('#decide-unusable')
  await page.waitForSelector('text=The row has been reported back to its source as not usable')
  assert.match(page.url(), /\/data-review\?reported=1$/)
  assert.equal(await page.locator(`a[href="/data-review/${reviewId}"]`).count(), 0,
    'the reported row has left the queue')
  // Nothing of the row is kept: the child has one record, without the row's postcode.
  const records = await recordsOf(page, c)
  assert.equal(records.length, 1, 'the child\'s record only')
  assert.equal(records[0].id, c.id)
  assert.doesNotMatch(records[0].text, new RegExp(c.newPostcode))
}, adminContext)

await test('FEED-6: a data administrator compares a queued row with the record and links it', async (page) => {
  const c = linkChild
  const reviewId = await openQueuedRow(page, c)
  // Side by side: the row as the source sent it, the record it may be, and
  // the engine's reasons, field by field.
  const row = await text(page.locator('#source-row'))
  assert.match(row, new RegExp(`${c.nickname} ${c.surname}`))
  assert.match(row, new RegExp(c.newPostcode))
  const candidate = page.locator(`#candidate-${c.id}`)
  const record = await text(candidate)
  assert.match(record, new RegExp(`${c.forenames} ${c.surname}`))
  assert.match(record, new RegExp(c.postcode))
  assert.match(record, /likelihood \d+%/)
  const uin = (await text(candidate.locator('h3'))).match(/UIN ([\d ]+\d)/)[1]
  const why = await text(candidate.locator('.review-explanation'))
  assert.match(why, /Why the matching engine thinks so/)
  // Item, agreement, evidence, and the row's value beside the record's.
  assert.match(why, new RegExp(`Forename \\w+ \\+[\\d.]+ ${c.nickname} \\| ${c.forenames}`, 'i'))
  assert.match(why, new RegExp(`Birth date Exact \\+[\\d.]+ ${c.dob} \\| ${c.dob}`))
  await page.screenshot({ path: `${shots}/review-detail.png`, fullPage: true })
  await page.click(`#link-${c.id}`)
  await assertDecided(page, reviewId)
  await page.screenshot({ path: `${shots}/review-linked.png`, fullPage: true })
  // The row, decided, offers no decision again.
  await page.goto(`${base}/data-review/${reviewId}`)
  assert.match(await text(page.locator('.govuk-caption-l')), /Linked/)
  assert.equal(await page.locator('#decisions, form[action$="/link"]').count(), 0, 'no decision offered')
  // The record, its UIN unchanged, now shows what the source sent (FEED-4:
  // a source's items replace what the record held before any source spoke).
  await page.goto(`${base}/records/${c.id}`)
  await page.waitForSelector(`h1:has-text("${c.nickname} ${c.surname}")`)
  assert.match(await text(page.locator('.govuk-caption-l')), new RegExp(`UIN ${uin}`))
  assert.match(await text(page.locator('main')), new RegExp(c.newPostcode))
  await page.screenshot({ path: `${shots}/review-linked-record.png`, fullPage: true })
}, adminContext)

await test('FEED-6: a data administrator creates a new record, and records another row as not the same child', async (page) => {
  const created = await openQueuedRow(page, createChild)
  await page.click('#decide-create')
  await assertDecided(page, created)
  // Two records now: the child's own and the new one from the row.
  const records = await recordsOf(page, createChild)
  assert.equal(records.length, 2, 'the child\'s record and the new one')
  const made = records.find((r) => r.name === `${createChild.nickname} ${createChild.surname}`)
  assert.ok(made, 'a record from the row')
  assert.notEqual(made.id, createChild.id)
  assert.match(made.text, new RegExp(createChild.newPostcode))
  await page.screenshot({ path: `${shots}/review-created.png`, fullPage: true })

  const distinct = await openQueuedRow(page, notSameChild)
  await page.click('#decide-not-same')
  await assertDecided(page, distinct)
  await page.waitForSelector('#empty-queue')
  await page.screenshot({ path: `${shots}/review-queue-empty.png`, fullPage: true })
  // A new record too, noted as a different child: a merge of the two asks
  // for verification and is refused without it.
  const pair = await recordsOf(page, notSameChild)
  assert.equal(pair.length, 2, 'the child\'s record and the new one')
  const own = pair.find((r) => r.id === notSameChild.id)
  const other = pair.find((r) => r.id !== notSameChild.id)
  assert.ok(own && other)
  assert.equal(other.name, `${notSameChild.nickname} ${notSameChild.surname}`)
  await page.goto(`${base}/merges/new`)
  await page.fill('#kept_uin', own.uin)
  await page.fill('#merged_uin', other.uin)
  await page.click('#compare-records')
  await page.waitForSelector('h1:has-text("Are these one child?")')
  assert.match(await text(page.locator('#merge-guard')), /decided that these are two different children/)
  await page.click('#confirm-merge')
  await page.waitForSelector('.govuk-error-summary')
  assert.match(await text(page.locator('#verification-error')), /Record the verification/)
  await page.click('.govuk-error-summary a')
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'verification',
    'the error summary leads to the verification')
  await page.screenshot({ path: `${shots}/merge-guard.png`, fullPage: true })
  await page.goto(`${base}/merges`)
  assert.equal(await page.locator('#merges').count(), 0, 'nothing merged')
}, adminContext)

await test('FEED-6: a data administrator merges two records of one child, then undoes the merge', async (page) => {
  const c = createChild
  const before = await recordsOf(page, c)
  const kept = before.find((r) => r.id === c.id)
  const gone = before.find((r) => r.id !== c.id)
  assert.ok(kept && gone, 'the two records of the child, from the test before')
  assert.equal(kept.name, `${c.forenames} ${c.surname}`)
  assert.equal(gone.name, `${c.nickname} ${c.surname}`)

  await page.goto(`${base}/data-review`)
  await page.click('#merge-records')
  await page.waitForSelector('h1:has-text("Merge two records")')
  await page.fill('#kept_uin', kept.uin)
  await page.fill('#merged_uin', gone.uin)
  await page.click('#compare-records')
  await page.waitForSelector('h1:has-text("Are these one child?")')
  const keptSide = await text(page.locator('#kept-record'))
  const goneSide = await text(page.locator('#merged-record'))
  assert.match(keptSide, new RegExp(`UIN ${kept.uin}.*${c.forenames} ${c.surname}.*${c.postcode}`))
  assert.match(goneSide, new RegExp(`UIN ${gone.uin}.*${c.nickname} ${c.surname}.*${c.newPostcode}`))
  assert.equal(await page.locator('#merge-guard').count(), 0, 'no guard against a nickname')
  assert.ok(await page.locator('.review-explanation tbody tr').count() > 0, 'the engine\'s reasons')
  await page.screenshot({ path: `${shots}/merge-confirm.png`, fullPage: true })
  await page.fill('#verification', 'Same child: the school confirmed the nickname and the move')
  await page.click('#confirm-merge')
  await page.waitForSelector('text=The records have been merged')
  const standing = page.locator(`#merges tr:has-text("${gone.uin}")`)
  assert.match(await text(standing), new RegExp(`${kept.uin} ${gone.uin} 1 Standing`))
  await page.screenshot({ path: `${shots}/merge-list.png`, fullPage: true })
  // One record now: the kept one, with what the source sent about the child.
  const merged = await recordsOf(page, c)
  assert.deepEqual(merged.map((r) => r.id), [kept.id], 'only the kept record is found')
  await page.goto(`${base}/records/${kept.id}`)
  assert.match(await text(page.locator('main')), new RegExp(c.newPostcode))
  await page.goto(`${base}/records/${gone.id}`)
  await page.waitForSelector('h1:has-text("Record not found")')

  await page.goto(`${base}/merges`)
  await page.locator(`#merges tr:has-text("${gone.uin}") button:has-text("Undo")`).click()
  await page.waitForSelector('text=The merge has been undone')
  assert.match(await text(page.locator(`#merges tr:has-text("${gone.uin}")`)), /Undone/)
  assert.equal(await page.locator(`#merges tr:has-text("${gone.uin}") button`).count(), 0, 'no second undo')
  await page.screenshot({ path: `${shots}/merge-undone.png`, fullPage: true })
  // Both records as they were: each UIN finds its own record again.
  for (const [r, forenames, postcode] of [[kept, c.forenames, c.postcode], [gone, c.nickname, c.newPostcode]]) {
    await searchFor(page, { uin: r.uin })
    await page.click(`a[href="/records/${r.id}"]`)
    await page.waitForSelector(`h1:has-text("${forenames} ${c.surname}")`)
    assert.match(await text(page.locator('.govuk-caption-l')), new RegExp(`UIN ${r.uin}`))
    const main = await text(page.locator('main'))
    assert.match(main, new RegExp(postcode))
    const otherPostcode = postcode === c.postcode ? c.newPostcode : c.postcode
    assert.doesNotMatch(main, new RegExp(otherPostcode), 'nothing of the other record stays')
    await page.screenshot({ path: `${shots}/unmerged-${r === kept ? 'kept' : 'merged'}-record.png`, fullPage: true })
  }
  assert.deepEqual((await recordsOf(page, c)).map((r) => r.id).sort(), [kept.id, gone.id].sort())
}, adminContext)

// UPD-1, UPD-2: users' amendments. demo.practitioner amends amendChild's
// record in their own session (practitionerContext); demo.data.admin
// decides in the session of the upload test (adminContext).
const practitionerContext = await browser.newContext()
const longDate = (iso) => {
  const [y, m, d] = iso.split('-').map(Number)
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
                  'October', 'November', 'December']
  return `${d} ${months[m - 1]} ${y}`
}
// The value a summary list gives for `key`; on the record page, the UIN
// and what "The child" shows for `key`.
const summaryValue = async (list, key) => (await text(list.locator('.govuk-summary-list__row')
  .filter({ has: list.page().locator('dt', { hasText: new RegExp(`^${key}$`) }) }).locator('dd'))).trim()
const uinOf = async (page) => (await text(page.locator('.govuk-caption-l'))).match(/UIN ([\d ]+\d)/)[1]
const childValue = (page, key) => summaryValue(page.locator('dl.govuk-summary-list').first(), key)
// On the record page: the parents and carers, and the services involved.
const otherItems = async (page) => ({
  parents: await page.locator('h2:text-is("Parents and carers") + dl dt').allTextContents(),
  involved: await page.locator('h2:text-is("Practitioners and services involved") + dl .govuk-summary-list__row')
    .allTextContents(),
})
// Opens the child's record and its amendment form; returns the UIN.
async function openAmendForm(page, c) {
  await page.goto(`${base}/records/${c.id}`)
  await page.waitForSelector(`h1:has-text("${c.forenames} ${c.surname}")`)
  const uin = await uinOf(page)
  await page.click('#amend-record')
  await page.waitForSelector(`h1:has-text("Amend ${c.forenames} ${c.surname}'s record")`)
  assert.match(await text(page.locator('.govuk-caption-l')), new RegExp(`UIN ${uin}`))
  return uin
}
// "Your amendments": the rows' text, newest first.
async function myAmendments(page) {
  return Promise.all((await page.locator('#my-amendments tbody tr').all()).map((row) => text(row)))
}
// The rows of an amendment's values: the item, when asked, asked for, now.
const valueRows = async (page) => Promise.all((await page.locator('#amendment-values tbody tr').all())
  .map(async (row) => (await row.locator('th, td').allTextContents()).map((t) => t.trim())))
// The data administrator's queue row for the record's `item`, opened.
async function openQueuedAmendment(page, uin, item) {
  const row = page.locator(`#amendment-queue tbody tr:has-text("UIN ${uin}")`)
  assert.equal(await row.count(), 1, `one amendment to UIN ${uin} waits`)
  assert.match(await text(row), new RegExp(
    `UIN ${uin} ${item} Priya Shah \\(teacher\\) Changes who the child is \\(names, date of birth or gender\\) Leeds`))
  const link = row.locator('a')
  const id = (await link.getAttribute('href')).split('/').pop()
  await link.click()
  await page.waitForSelector(`h1:has-text("${item}: apply this amendment?")`)
  assert.match(await text(page.locator('.govuk-caption-l')), new RegExp(`Amendment ${id} to the record UIN ${uin}`))
  return id
}
// After a decision: the queue says so and no longer lists the amendment.
async function assertAmendmentDecided(page, id) {
  await page.waitForSelector('text=The decision has been recorded')
  assert.match(page.url(), /\/data-review\/amendments\?decided=1$/)
  assert.equal(await page.locator(`a[href="/data-review/amendments/${id}"]`).count(), 0,
    'the decided amendment has left the queue')
}
const newAddress = {
  address_line1: '14 Chapel Lane', address_line2: '', address_line3: '', town: 'Leeds',
  postcode: ['LS7 3QB', 'LS8 2QT'].find((p) => p !== amendChild.postcode),
}
const newSurname = 'Oakenshaw'

await test('UPD-1: a practitioner amends a child\'s address within Leeds, and it is applied at once', async (page) => {
  const c = amendChild
  await nextStep()
  await signIn(page, 'demo.practitioner', code('demo.practitioner'))
  await page.waitForSelector('h1:has-text("Welcome")')
  await searchFor(page, { surname: c.surname, ...dobParts(c.dob) })
  await page.click(`a[href="/records/${c.id}"]`)
  await page.waitForSelector(`h1:has-text("${c.forenames} ${c.surname}")`)
  assert.match(await childValue(page, 'Address'), new RegExp(c.postcode))
  const unamended = await otherItems(page)
  assert.ok(unamended.parents.length > 0 && unamended.involved.length > 0, 'parents and services to keep')
  const uin = await openAmendForm(page, c)
  // The form holds the record as it stands.
  assert.equal(await page.inputValue('#postcode'), c.postcode)
  assert.equal(await page.inputValue('#surname'), c.surname)
  const [y, m, d] = c.dob.split('-')
  assert.deepEqual([await page.inputValue('#date_of_birth_day'), await page.inputValue('#date_of_birth_month'),
    await page.inputValue('#date_of_birth_year')], [String(Number(d)), String(Number(m)), y])
  for (const [id, value] of Object.entries(newAddress)) await page.fill(`#${id}`, value)
  await page.fill('#verification', 'Seen by me: a council tax bill at the new address')
  await page.screenshot({ path: `${shots}/amend-address-form.png`, fullPage: true })
  await page.click('#submit-amendment')
  await page.waitForSelector('h1:has-text("Your amendments")')
  assert.match(page.url(), /\/amendments\?applied=1&queued=0$/)
  assert.equal((await text(page.locator('#amendment-notice'))).trim(), 'Your amendment has been applied')
  // One amendment, the address alone: the items the form sent back as they
  // were are not amendments.
  const rows = await myAmendments(page)
  assert.equal(rows.length, 1, `one amendment listed: ${rows.join(' / ')}`)
  assert.match(rows[0], new RegExp(`UIN ${uin} Address Applied`))
  await page.screenshot({ path: `${shots}/amend-applied.png`, fullPage: true })
  // The record shows the new address, the rest as it was; the search index
  // finds the child at the new postcode.
  await page.click(`#my-amendments a[href="/records/${c.id}"]`)
  await page.waitForSelector(`h1:has-text("${c.forenames} ${c.surname}")`)
  const address = await childValue(page, 'Address')
  assert.match(address, new RegExp(`${newAddress.address_line1}.*${newAddress.town}.*${newAddress.postcode}`))
  assert.doesNotMatch(address, new RegExp(c.postcode), 'the old postcode is gone')
  assert.equal(await childValue(page, 'Date of birth'), longDate(c.dob))
  assert.match(await childValue(page, 'Local authority'), /Leeds/)
  assert.deepEqual(await otherItems(page), unamended, 'the items not amended are as they were')
  await page.screenshot({ path: `${shots}/amend-address-record.png`, fullPage: true })
  await searchFor(page, { surname: c.surname, postcode: newAddress.postcode })
  assert.equal(await page.locator(`a[href="/records/${c.id}"]`).count(), 1, 'found at the new postcode')
}, practitionerContext)

await test('UPD-1, UPD-2: a practitioner\'s new date of birth needs a verification and waits for review', async (page) => {
  const c = amendChild
  const uin = await openAmendForm(page, c)
  const [y, m, d] = c.newDob.split('-')
  await page.fill('#date_of_birth_day', String(Number(d)))
  await page.fill('#date_of_birth_month', String(Number(m)))
  await page.fill('#date_of_birth_year', y)
  // G 3.24: a change to who the child is rests on what the user has seen.
  await page.click('#submit-amendment')
  await page.waitForSelector('.govuk-error-summary')
  assert.match(await text(page.locator('.govuk-error-summary')), /Say how you verified the change/)
  assert.match(await text(page.locator('#verification-error')), /Say how you verified the change/)
  assert.equal(await page.inputValue('#date_of_birth_day'), String(Number(d)), 'what was typed is kept')
  await page.click('.govuk-error-summary a')
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'verification',
    'the error summary leads to the verification')
  await page.screenshot({ path: `${shots}/amend-verification-needed.png`, fullPage: true })
  await page.fill('#verification', 'Seen by me: the birth certificate, which gives the day before')
  await page.click('#submit-amendment')
  await page.waitForSelector('h1:has-text("Your amendments")')
  assert.match(page.url(), /\/amendments\?applied=0&queued=1$/)
  assert.match(await text(page.locator('#amendment-notice')), /sent to a data administrator.*not applied/)
  const rows = await myAmendments(page)
  assert.equal(rows.length, 2, `two amendments listed: ${rows.join(' / ')}`)
  assert.match(rows[0], new RegExp(`UIN ${uin} Date of birth Waiting for a data administrator`))
  assert.match(rows[1], new RegExp(`UIN ${uin} Address Applied`))
  await page.screenshot({ path: `${shots}/amend-queued.png`, fullPage: true })
  // Not applied: the record keeps its date of birth.
  await page.goto(`${base}/records/${c.id}`)
  assert.equal(await childValue(page, 'Date of birth'), longDate(c.dob))
}, practitionerContext)

await test('UPD-2: a data administrator applies a queued date of birth only with a verification of their own', async (page) => {
  const c = amendChild
  await page.goto(`${base}/records/${c.id}`)
  const uin = await uinOf(page)
  // From the home page, and from the review queue.
  await page.goto(`${base}/data-review`)
  assert.equal(await page.locator('#amendment-review').getAttribute('href'), '/data-review/amendments')
  await page.goto(`${base}/`)
  await page.click('#amendment-review-link')
  await page.waitForSelector('h1:has-text("Amendments to review: Leeds")')
  await page.screenshot({ path: `${shots}/amendment-queue.png`, fullPage: true })
  const id = await openQueuedAmendment(page, uin, 'Date of birth')
  // Who asked, when, their verification, and the value before and after.
  const facts = page.locator('#amendment-facts')
  assert.match(await summaryValue(facts, 'Asked for by'), /^Priya Shah \(teacher\), \d+ \w+ \d{4}$/)
  assert.equal(await summaryValue(facts, 'Their verification'),
    'Seen by me: the birth certificate, which gives the day before')
  assert.match(await summaryValue(facts, 'Why it waits'), /^Changes who the child is/)
  assert.equal(await summaryValue(facts, 'Status'), 'Waiting for a data administrator')
  // The value when asked, as asked for, and as the record holds it now.
  assert.deepEqual(await valueRows(page), [['Date of birth', c.dob, c.newDob, c.dob]])
  assert.equal(await page.locator('#amendment-values tbody strong').textContent(), c.newDob, 'the change stands out')
  await page.screenshot({ path: `${shots}/amendment-detail.png`, fullPage: true })
  // G 3.25: not without the administrator's own verification.
  await page.click('#decide-override')
  await page.waitForSelector('.govuk-error-summary')
  assert.match(await text(page.locator('.govuk-error-summary')), /Record the additional verification you hold/)
  assert.match(await text(page.locator('#override-reason-error')), /Record the additional verification you hold/)
  await page.click('.govuk-error-summary a')
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'override-reason',
    'the error summary leads to the verification box')
  await page.screenshot({ path: `${shots}/amendment-override-refused.png`, fullPage: true })
  await page.fill('#override-reason', 'Birth certificate seen at the contact centre')
  await page.click('#decide-override')
  await assertAmendmentDecided(page, id)
  await page.screenshot({ path: `${shots}/amendment-overridden.png`, fullPage: true })
  // Decided once: the page offers no decision again.
  await page.goto(`${base}/data-review/amendments/${id}`)
  assert.match(await summaryValue(page.locator('#amendment-facts'), 'Status'),
    /^Applied by a data administrator on \d+ \w+ \d{4}$/)
  assert.equal(await page.locator('#decisions').count(), 0, 'no decision offered')
  // The record now has the new date of birth, and is found by it.
  await page.goto(`${base}/records/${c.id}`)
  await page.waitForSelector(`h1:has-text("${c.forenames} ${c.surname}")`)
  assert.equal(await childValue(page, 'Date of birth'), longDate(c.newDob))
  assert.match(await childValue(page, 'Address'), new RegExp(newAddress.postcode), 'the address stays amended')
  await page.screenshot({ path: `${shots}/amendment-overridden-record.png`, fullPage: true })
  const found = (await recordsOf(page, { id: c.id, surname: c.surname, dob: c.newDob })).find((r) => r.id === c.id)
  assert.ok(found, 'found by the new date of birth')
  assert.match(found.text, new RegExp(longDate(c.newDob)))
}, adminContext)

await test('UPD-2: a data administrator rejects a queued surname with a reason, which the practitioner sees', async (page) => {
  const c = amendChild
  const uin = await openAmendForm(page, c)
  await page.fill('#surname', newSurname)
  await page.fill('#verification', 'Told by the parent: the family now uses this surname')
  await page.click('#submit-amendment')
  await page.waitForSelector('h1:has-text("Your amendments")')
  assert.match(page.url(), /\/amendments\?applied=0&queued=1$/)
  assert.match((await myAmendments(page))[0], new RegExp(`UIN ${uin} Names Waiting for a data administrator`))

  const admin = await adminContext.newPage()
  await admin.goto(`${base}/data-review`)
  await admin.click('#amendment-review')
  await admin.waitForSelector('h1:has-text("Amendments to review: Leeds")')
  const id = await openQueuedAmendment(admin, uin, 'Names')
  const names = await valueRows(admin)
  assert.deepEqual(names.find((r) => r[0] === 'Surname'), ['Surname', c.surname, newSurname, c.surname])
  assert.deepEqual(names.find((r) => r[0] === 'Forenames'), ['Forenames', c.forenames, c.forenames, c.forenames])
  await admin.click('#decide-reject')
  await admin.waitForSelector('.govuk-error-summary')
  assert.match(await text(admin.locator('.govuk-error-summary')), /Give the reason the amendment is rejected/)
  assert.match(await text(admin.locator('#reject-reason-error')), /Give the reason the amendment is rejected/)
  await admin.click('.govuk-error-summary a')
  assert.equal(await admin.evaluate(() => document.activeElement?.id), 'reject-reason',
    'the error summary leads to the reason box')
  await admin.screenshot({ path: `${shots}/amendment-reject-refused.png`, fullPage: true })
  const reason = 'No change of name has been registered; the school still uses the surname on record'
  await admin.fill('#reject-reason', reason)
  await admin.click('#decide-reject')
  await assertAmendmentDecided(admin, id)
  await admin.goto(`${base}/records/${c.id}`)
  await admin.waitForSelector(`h1:has-text("${c.forenames} ${c.surname}")`)

  // The practitioner sees each outcome, the rejection with its reason.
  await page.goto(`${base}/`)
  await page.click('#my-amendments-link')
  await page.waitForSelector('h1:has-text("Your amendments")')
  const rows = await myAmendments(page)
  assert.equal(rows.length, 3, `three amendments listed: ${rows.join(' / ')}`)
  assert.match(rows[0], new RegExp(`UIN ${uin} Names Not applied`))
  assert.equal((await text(page.locator('#my-amendments tbody tr').first().locator('.govuk-hint'))).trim(), reason)
  assert.match(rows[1], new RegExp(`UIN ${uin} Date of birth Applied by a data administrator`))
  assert.doesNotMatch(rows[1], /contact centre/, 'not the administrator\'s verification')
  assert.match(rows[2], new RegExp(`UIN ${uin} Address Applied`))
  await page.screenshot({ path: `${shots}/amendment-outcomes.png`, fullPage: true })
  await page.goto(`${base}/records/${c.id}`)
  await page.waitForSelector(`h1:has-text("${c.forenames} ${c.surname}")`)
  assert.equal(await childValue(page, 'Date of birth'), longDate(c.newDob))
}, practitionerContext)

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
