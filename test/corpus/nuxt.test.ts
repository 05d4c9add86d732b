import { NUXT_RECIPES } from './frameworks/nuxt.js';
import { corpusSuite } from './suite.js';

corpusSuite('the retrofit on repos Nuxt 2 and 3 made (static generate)', NUXT_RECIPES);
