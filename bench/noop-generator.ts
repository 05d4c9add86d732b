import Generator from 'yeoman-generator';

/** The do-nothing generator: what any generator costs when run through yeoman-environment. */
export default class NoopGenerator extends Generator {
  writing(): void {}
}
