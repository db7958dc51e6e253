// Keys, as the app reducer sees them: the screen in front chooses its key table, the table turns
// the press into an action, and the reducer applies it — to the state as it is then, so keys
// typed faster than the screen redraws still land where they were meant (the second key of
// "/x" is text for the filter, never a command). The hint line and the help come from the same
// tables.
import { contextOf } from './app-context.js';
import { BUSY_KEYS, DETAIL_KEYS, ERROR_KEYS, PROMPT_KEYS } from './app-keys.js';
import { appReducer, type AppAction, type AppState, type KeyAction, type KeyContext } from './app-state.js';
import { HELP_KEYS } from './help-keys.js';
import { bindingFor, hintsOf, type KeyPress, type KeyTable } from './keys.js';
import { EXPLORE_KEYS } from './screens/explore/explore-keys.js';
import type { Size } from './screens/explore/explore-model.js';
import { PICKER_KEYS } from './screens/picker/picker-keys.js';
import { WHATIF_KEYS } from './screens/whatif/whatif-keys.js';

export type Screen = 'help' | 'picker' | 'error' | 'busy' | 'form' | 'prompt' | 'opened' | 'explore';

/** The screen in front. */
export function screenOf(s: AppState): Screen {
  if (s.help) return 'help';
  if (s.picker) return 'picker';
  if (s.phase.kind === 'error') return 'error';
  if (s.phase.kind !== 'ready' || !s.explore) return 'busy';
  if (s.form) return 'form';
  if (s.explore.prompt) return 'prompt';
  if (s.explore.opened) return 'opened';
  return 'explore';
}

const TABLES: Record<Screen, KeyTable<KeyContext, AppAction>> = {
  help: HELP_KEYS,
  picker: PICKER_KEYS,
  error: ERROR_KEYS,
  busy: BUSY_KEYS,
  form: WHATIF_KEYS,
  prompt: PROMPT_KEYS,
  opened: DETAIL_KEYS,
  explore: EXPLORE_KEYS,
};

/** One key press: the binding of the screen in front turns it into an action. */
export function pressKey(s: AppState, press: KeyPress, size: Size): AppState {
  const c = contextOf(s, size);
  const b = bindingFor(TABLES[screenOf(s)], c, press);
  const action = b ? b.act(c, press) : null;
  return action ? appReducer(s, action) : s;
}

/** The app's reducer with keys: each press, in turn, to the state the one before left. */
export function reduce(s: AppState, a: AppAction | KeyAction): AppState {
  if (a.type !== 'keys') return appReducer(s, a);
  return a.presses.reduce((x, p) => pressKey(x, p, a.size), s);
}

/** The hint line of the screen in front. */
export const hintsFor = (s: AppState, size: Size): [string, string][] => hintsOf(TABLES[screenOf(s)], contextOf(s, size));

