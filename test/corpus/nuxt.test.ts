import { NUXT_RECIPES } from './frameworks/nuxt.js';
import { corpusSuite } from './suite.js';

corpusSuite('the retrofit on repos Nuxt 2, 3 and 4 made (static generate)', NUXT_RECIPES);
