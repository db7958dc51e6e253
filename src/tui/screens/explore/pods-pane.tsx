// `:pods`: the place for kubectl-get-pods-like rows over time. The result has no per-pod data
// yet (the pod lifecycle work adds pod-status.csv); until then this says so and points to what
// there is.
import { Text } from 'ink';
import { Pane } from '../../components/pane.js';
import { S } from '../../components/styled.js';

export function PodsPane({ width, height }: { readonly width: number; readonly height: number }) {
  return (
    <Pane title="Pods" width={width} height={height} focused>
      <Text wrap="wrap">Not available yet: this run records no per-pod status (kubectl's STATUS, READY, RESTARTS over time comes with pod-status.csv).</Text>
      <Text> </Text>
      <Text wrap="wrap">
        <S role="dim">Meanwhile: </S>:events lists each pod's events; Enter on one opens it with the pod's history and state as its events tell them, its workload's counts and its node then.
      </Text>
    </Pane>
  );
}
