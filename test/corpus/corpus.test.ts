import { RECIPES } from './recipes.js';
import { corpusSuite } from './suite.js';

corpusSuite('the retrofit on repos made by the real tools', RECIPES);
