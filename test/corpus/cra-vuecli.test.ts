import { CRA_VUECLI_RECIPES } from './frameworks/cra-vuecli.js';
import { corpusSuite } from './suite.js';

corpusSuite('the retrofit on repos whose client create-react-app or Vue CLI made', CRA_VUECLI_RECIPES);
