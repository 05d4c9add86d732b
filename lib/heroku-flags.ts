// The flags of `:heroku`, declared once for the generator and for --help.
export const HEROKU_FLAGS = {
  app: { type: String, description: 'Heroku app name (default: the stored answer, else derived from the folder name)' },
  region: { type: String, description: 'Region for a new app (us, eu, …)' },
  team: { type: String, description: 'Create the app in this Heroku team' },
  stack: { type: String, description: 'Stack for a new app (e.g. heroku-24)' },
  'postgres-plan': { type: String, description: 'heroku-postgresql plan when there is no database yet (default essential-0, paid)' },
  'rotate-secret': { type: Boolean, description: 'Replace DJANGO_SECRET_KEY even when the app has one' },
  'skip-deploy': { type: Boolean, description: 'Provision only: no git push' },
  'skip-checks': { type: Boolean, description: "Do not run the backend's manage.py check --deploy before provisioning" },
  open: { type: Boolean, description: 'Open the app in the browser at the end' },
  yes: { type: Boolean, description: 'Apply the plan without asking' },
  'dry-run': { type: Boolean, description: 'Print the plan (secrets redacted) and change nothing' },
  json: { type: Boolean, description: 'Print the plan and results as JSON on stdout' },
} as const;
