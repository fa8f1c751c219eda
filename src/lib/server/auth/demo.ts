// The shared password of the demo accounts the seeder creates. The sign-in page shows it, but
// only while demo accounts exist (app.accounts.demo), never for real accounts.
export const DEMO_PASSWORD = 'demo2026';
