// What a key table's binding sees: the state, the explore screen's model as drawn, the size.
import type { AppState, KeyContext } from './app-state.js';
import { exploreModel, type ExploreModel, type Size } from './screens/explore/explore-model.js';

/** The explore screen's model for this state and size (null before A has run). */
export function modelOf(s: AppState, size: Size): ExploreModel | null {
  return s.a && s.explore ? exploreModel(s.a, s.b, s.explore, size) : null;
}

export const contextOf = (s: AppState, size: Size): KeyContext => ({ s, m: modelOf(s, size), size });
