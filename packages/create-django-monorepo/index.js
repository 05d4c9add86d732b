#!/usr/bin/env node
// `npm create django-monorepo` looks for a package named create-django-monorepo: this one only runs
// the generator package's own bin.
import 'generator-django-monorepo/dist/bin/create-django-monorepo.js';
