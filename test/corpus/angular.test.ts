import { ANGULAR_RECIPES } from './frameworks/angular.js';
import { corpusSuite } from './suite.js';

corpusSuite('the retrofit on repos made by the Angular CLI', ANGULAR_RECIPES);
