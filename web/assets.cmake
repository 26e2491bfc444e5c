# Copies the GOV.UK Frontend compiled assets (from web/node_modules, pinned by
# web/package-lock.json and installed by scripts/install-deps.sh) and the
# project's own static files into ${CMAKE_BINARY_DIR}/assets, which the
# service serves under /assets/.
set(CP_ASSETS_DIR ${CMAKE_BINARY_DIR}/assets)
set(govuk ${CMAKE_SOURCE_DIR}/web/node_modules/govuk-frontend/dist/govuk)
add_custom_target(web_assets ALL
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CP_ASSETS_DIR}
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${govuk}/govuk-frontend.min.css
          ${govuk}/govuk-frontend.min.js ${CP_ASSETS_DIR}/
  COMMAND ${CMAKE_COMMAND} -E copy_directory ${govuk}/assets ${CP_ASSETS_DIR}
  COMMAND ${CMAKE_COMMAND} -E copy_directory ${CMAKE_SOURCE_DIR}/web/static ${CP_ASSETS_DIR}
  COMMENT "Copying GOV.UK Frontend assets")
