// Golden tests live in shared/authoring (the minute run's release steps run them too); re-exported
// for the admin function's save paths.
export { runGoldenTests, type GoldenFailure, type References } from '../../shared/authoring/golden-tests.ts';
