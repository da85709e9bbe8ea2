/**
 * Component tests wait for what loads on demand (the live map, the actor card, the quiz engine)
 * with Testing Library's `findBy…`. Its default of 1 s is tight when the whole suite shares two
 * cores: a dynamic import then took longer and a passing test failed. Five seconds still fails a
 * component that never shows what is awaited, well inside the test's own timeout.
 */
import { configure } from '@testing-library/svelte';

configure({ asyncUtilTimeout: 5_000 });
