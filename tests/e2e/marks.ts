// Rows the browser suite writes that cannot be undone through the app (incidents are never
// deleted there) carry this mark; the suite's teardown removes them from .data/e2e.
export const E2E_MARK = '[e2e] ';
