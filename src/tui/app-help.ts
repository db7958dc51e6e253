// The help's content: the explore screen's keys that apply now, then those of the prompt, an
// opened event, the what-if form and the picker — all read from their key tables.
import { contextOf } from './app-context.js';
import { DETAIL_KEYS, PROMPT_KEYS } from './app-keys.js';
import type { AppState } from './app-state.js';
import { helpOf, type HelpGroup } from './keys.js';
import { EXPLORE_KEYS } from './screens/explore/explore-keys.js';
import type { Size } from './screens/explore/explore-model.js';
import { PICKER_KEYS } from './screens/picker/picker-keys.js';
import { WHATIF_KEYS } from './screens/whatif/whatif-keys.js';

export function helpFor(s: AppState, size: Size): HelpGroup[] {
  const c = contextOf(s, size);
  const explore = s.explore && c.m ? helpOf(EXPLORE_KEYS, c) : [];
  return [...explore, ...helpOf(PROMPT_KEYS), ...helpOf(DETAIL_KEYS).filter((g) => g.group !== 'Anywhere'), ...helpOf(WHATIF_KEYS), ...helpOf(PICKER_KEYS)];
}
