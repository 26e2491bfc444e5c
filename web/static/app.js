// Progressive enhancement only: every page works without this script.
import { initAll } from './govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()

// The time-out warning (GOV.UK pattern): shown data-warn-seconds before the session
// ends; "Stay signed in" touches the session.
const warning = document.getElementById('timeout-warning')
if (warning) {
  const expiresAt = Number(warning.dataset.expiresAt) * 1000
  const warnBefore = Number(warning.dataset.warnSeconds) * 1000
  const show = () => {
    warning.hidden = false
    warning.querySelector('button')?.focus()
  }
  const back = warning.querySelector('input[name=return_to]')
  if (back) back.value = window.location.pathname
  const untilWarning = expiresAt - warnBefore - Date.now()
  if (untilWarning <= 0) show()
  else setTimeout(show, untilWarning)
  // A second after the end, so the service agrees the session has expired.
  setTimeout(() => { window.location.href = '/signed-out?timeout=1' }, Math.max(0, expiresAt - Date.now() + 1000))
}
