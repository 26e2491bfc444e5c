// Progressive enhancement only: every page works without this script.
import { initAll } from './govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()

// The time-out warning (GOV.UK pattern): shown two minutes before the session
// ends; "Stay signed in" touches the session.
const warning = document.getElementById('timeout-warning')
if (warning) {
  const expiresAt = Number(warning.dataset.expiresAt) * 1000
  const warnBefore = Number(warning.dataset.warnSeconds) * 1000
  const show = () => {
    warning.hidden = false
    warning.querySelector('button')?.focus()
  }
  const untilWarning = expiresAt - warnBefore - Date.now()
  if (untilWarning <= 0) show()
  else setTimeout(show, untilWarning)
  setTimeout(() => { window.location.href = '/signed-out?timeout=1' }, Math.max(0, expiresAt - Date.now()))
}
