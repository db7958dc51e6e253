// A text field as the app's state holds it (text-edit.ts): the value with the cursor drawn as an
// inverted cell — inverse is not a colour, so it shows under NO_COLOR too — or, when empty, a
// placeholder in brackets, so nobody takes it for a value even without grey.
import { Text } from 'ink';
import type { TextState } from '../text-edit.js';
import { S } from './styled.js';

export interface TextFieldProps {
  readonly text: TextState;
  /** Shown in ‹› when the value is empty, e.g. "keep 25%". */
  readonly placeholder?: string;
  /** Cells available; the value scrolls to keep the cursor in view. */
  readonly width: number;
  readonly focused?: boolean;
}

export function TextField({ text, placeholder, width, focused = true }: TextFieldProps) {
  const { value, cursor } = text;
  if (value === '') {
    return (
      <Text wrap="truncate">
        {focused ? <Text inverse> </Text> : null}
        {placeholder ? <S role="dim">{`‹${placeholder}›`.slice(0, Math.max(0, width - 1))}</S> : null}
      </Text>
    );
  }
  // Keep the cursor inside the window of `width - 1` cells (one for the cursor past the end).
  const room = Math.max(1, width - 1);
  const start = Math.max(0, cursor - room + 1);
  const shown = value.slice(start, start + room);
  const at = cursor - start;
  if (!focused) return <Text wrap="truncate">{shown}</Text>;
  return (
    <Text wrap="truncate">
      {shown.slice(0, at)}
      <Text inverse>{shown[at] ?? ' '}</Text>
      {shown.slice(at + 1)}
    </Text>
  );
}
